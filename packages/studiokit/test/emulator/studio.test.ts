import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathToPointer } from "../../src/emulator";
import { validateDefinition } from "../../src/validator";
import { accountSid, rejection, withEmulator, type TestEmulator } from "../support/emulator";
import { seedFlowPath } from "../support/fixtures";

const definition = JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as Record<string, unknown>;
let t: TestEmulator;

beforeAll(async () => {
  t = await withEmulator();
});
afterAll(() => t.emulator.close());

/** The validator's issues as Studio reports them: `{message, property_path}`. */
function problems(input: unknown, severity: "error" | "warning") {
  return validateDefinition(input)
    .filter((i) => i.severity === severity)
    .map((i) => ({
      message: i.widget ? `widget "${i.widget}": ${i.message}` : i.message,
      property_path: pathToPointer(i.path),
    }));
}

describe("Studio v2 flows through the twilio library", () => {
  it("creates a flow and answers with the whole flow resource", async () => {
    const flow = await t.client.studio.v2.flows.create({
      friendlyName: "Do you like bots",
      status: "draft",
      definition,
      commitMessage: "first",
    });
    const stored = t.emulator.store.flows.get(flow.sid)!;
    const url = `${t.emulator.url}/v2/Flows/${flow.sid}`;
    expect(flow.toJSON()).toEqual({
      sid: flow.sid,
      accountSid,
      authorSid: null,
      friendlyName: "Do you like bots",
      definition,
      status: "draft",
      revision: 1,
      commitMessage: "first",
      valid: true,
      errors: [],
      warnings: problems(definition, "warning"),
      dateCreated: new Date(stored.date_created),
      dateUpdated: null,
      webhookUrl: `${t.emulator.url}/v1/Accounts/${accountSid}/Flows/${flow.sid}`,
      url,
      links: {
        test_users: `${url}/TestUsers`,
        revisions: `${url}/Revisions`,
        executions: `${url}/Executions`,
      },
    });
    expect(flow.sid).toMatch(/^FW[0-9a-f]{32}$/);
  });

  it("makes a new revision on every update and serves revisions by number and by name", async () => {
    const flows = t.client.studio.v2.flows;
    const { sid } = await flows.create({ friendlyName: "rev", status: "draft", definition });
    expect((await t.raw("GET", `/v2/Flows/${sid}/Revisions/LatestPublished`)).json).toMatchObject({
      code: 20404,
    });
    const renamed = await flows(sid).update({
      status: "published",
      friendlyName: "rev 2",
      commitMessage: "publish",
    });
    expect([renamed.revision, renamed.status, renamed.friendlyName, renamed.definition]).toEqual([
      2,
      "published",
      "rev 2",
      definition,
    ]);
    const changed = { ...definition, description: "changed" };
    await flows(sid).update({ status: "draft", definition: changed });
    // twilio-node 6.2 cannot list revisions (FlowRevisionInstance calls revision.toString() on
    // an undefined revision for list items), so the list is read raw.
    const listed = (await t.raw("GET", `/v2/Flows/${sid}/Revisions`)).json as {
      revisions: Array<Record<string, unknown>>;
    };
    expect(
      listed.revisions.map((r) => [
        r["revision"],
        r["status"],
        r["friendly_name"],
        r["commit_message"],
        r["definition"],
      ]),
    ).toEqual([
      [3, "draft", "rev 2", null, null],
      [2, "published", "rev 2", "publish", null],
      [1, "draft", "rev", null, null],
    ]);
    const pick = async (which: string) => {
      const r = await flows(sid).revisions(which).fetch();
      return [r.revision, r.status, r.definition];
    };
    expect(await pick("LatestRevision")).toEqual([3, "draft", changed]);
    expect(await pick("LatestPublished")).toEqual([2, "published", definition]);
    expect(await pick("1")).toEqual([1, "draft", definition]);
    expect((await flows(sid).fetch()).revision).toBe(3);
    const second = t.emulator.store.flows.get(sid)!.revisions[1]!;
    expect((await t.raw("GET", `/v2/Flows/${sid}/Revisions/2`)).json).toEqual({
      sid,
      account_sid: accountSid,
      author_sid: null,
      friendly_name: "rev 2",
      definition,
      status: "published",
      revision: 2,
      commit_message: "publish",
      valid: true,
      errors: [],
      date_created: second.date_created,
      date_updated: second.date_updated,
      url: `${t.emulator.url}/v2/Flows/${sid}/Revisions/2`,
    });
  });

  it("lists flows without their definitions, as Studio does", async () => {
    const listed = await t.client.studio.v2.flows.list();
    expect(listed.length).toBe(t.emulator.store.flows.size);
    expect(listed.map((f) => [f.definition, f.valid, f.errors, f.warnings])).toEqual(
      listed.map(() => [null, null, null, null]),
    );
  });

  it("refuses an invalid definition with 81022 and details.errors from the validator, storing nothing", async () => {
    const broken = {
      ...definition,
      states: [definition["states"] && (definition["states"] as unknown[])[0], { name: "x" }],
    };
    const before = t.emulator.store.flows.size;
    const expected = problems(broken, "error");
    expect(expected.map((e) => e.property_path)).toContain("#/states/1/type");
    const error = await rejection(
      t.client.studio.v2.flows.create({ friendlyName: "bad", status: "draft", definition: broken }),
    );
    expect(error).toEqual({
      status: 400,
      code: 81022,
      message: `Invalid Flow Definition: ${expected[0]!.property_path}: ${expected[0]!.message}${expected.length > 1 ? ` (and ${expected.length - 1} more)` : ""}`,
      details: { errors: expected, warnings: problems(broken, "warning") },
    });
    expect(t.emulator.store.flows.size).toBe(before);
    const { sid } = await t.client.studio.v2.flows.create({
      friendlyName: "ok",
      status: "draft",
      definition,
    });
    const update = await rejection(
      t.client.studio.v2.flows(sid).update({ status: "published", definition: broken }),
    );
    expect([update.status, update.code, update.details]).toEqual([
      400,
      81022,
      { errors: expected, warnings: [] },
    ]);
    expect(t.emulator.store.flows.get(sid)!.revisions).toHaveLength(1);
  });

  it("validates without storing: valid:true, or 81022", async () => {
    const before = t.emulator.requests.count;
    const ok = await t.client.studio.v2.flowValidate.update({
      friendlyName: "v",
      status: "draft",
      definition,
    });
    expect(ok.toJSON()).toEqual({ valid: true });
    const error = await rejection(
      t.client.studio.v2.flowValidate.update({
        friendlyName: "v",
        status: "draft",
        definition: { states: [] },
      }),
    );
    expect([error.status, error.code]).toEqual([400, 81022]);
    expect(t.emulator.requests.log.slice(-2).map((r) => [r.method, r.path, r.host, r.applied])).toEqual([
      ["POST", "/v2/Flows/Validate", "studio.twilio.com", true],
      ["POST", "/v2/Flows/Validate", "studio.twilio.com", false],
    ]);
    expect(t.emulator.requests.count).toBe(before + 2);
  });

  it("replaces test users as a whole; one empty value clears them", async () => {
    const { sid } = await t.client.studio.v2.flows.create({
      friendlyName: "tu",
      status: "draft",
      definition,
    });
    const users = t.client.studio.v2.flows(sid).testUsers();
    expect((await users.fetch()).testUsers).toEqual([]);
    expect((await users.update({ testUsers: ["alice", "bob"] })).toJSON()).toEqual({
      sid,
      testUsers: ["alice", "bob"],
      url: `${t.emulator.url}/v2/Flows/${sid}/TestUsers`,
    });
    expect((await users.update({ testUsers: ["carol"] })).testUsers).toEqual(["carol"]);
    expect((await users.update({ testUsers: [""] })).testUsers).toEqual([]);
    expect(await rejection(users.update({ testUsers: [] }))).toMatchObject({ status: 400, code: 20001 });
  });

  it("deletes, then answers 404/20404 for the flow (a second delete too)", async () => {
    const { sid } = await t.client.studio.v2.flows.create({
      friendlyName: "gone",
      status: "draft",
      definition,
    });
    expect(await t.client.studio.v2.flows(sid).remove()).toBe(true);
    expect(await rejection(t.client.studio.v2.flows(sid).fetch())).toEqual({
      status: 404,
      code: 20404,
      message: `The requested resource /v2/Flows/${sid} was not found`,
      details: undefined,
    });
    expect(await rejection(t.client.studio.v2.flows(sid).remove())).toMatchObject({
      status: 404,
      code: 20404,
    });
  });
});

describe("pathToPointer", () => {
  it.each([
    ["states[3].properties.timeout", "#/states/3/properties/timeout"],
    ["(root)", "#"],
    ["initial_state", "#/initial_state"],
    ['states[0].properties["a/b~c"]', "#/states/0/properties/a~1b~0c"],
    ["flags.allow_concurrent_calls", "#/flags/allow_concurrent_calls"],
  ])("%s → %s", (path, pointer) => {
    expect(pathToPointer(path)).toBe(pointer);
  });
});
