import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FlowDefinition } from "../../src/definition";
import { accountSid } from "../support/emulator";
import { realFlows, seedFlowPath } from "../support/fixtures";
import { propertyDiff, startStack, type Stack } from "./harness/stack";
import { reformatted, reordered } from "./harness/variants";

// The StudioFlow provider through the SDK's dynamic-provider plugin over gRPC against the local
// Twilio: the calls the engine makes for preview, up, refresh, import and destroy.

const tutorial = (): FlowDefinition => JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as FlowDefinition;

function withBody(definition: FlowDefinition, widget: string, body: string): FlowDefinition {
  return {
    ...definition,
    states: definition.states.map((s) =>
      s.name === widget ? { ...s, properties: { ...s.properties, body } } : s,
    ),
  };
}

/** Same flow, other text: states reversed, every object's keys reversed, other indentation. */
const reshuffled = (definition: FlowDefinition): FlowDefinition => reformatted(reordered(definition));

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const requests = () => stack.env.emulator.requests.log.map((r) => `${r.method} ${r.path}`);
const form = (index: number) => Object.fromEntries(stack.env.emulator.requests.log[index]?.form ?? []);
const latest = (sid: string) => stack.env.emulator.store.flows.get(sid)?.revisions.at(-1);

describe("StudioFlow through the plugin", () => {
  const flow = () => stack.resource("studioFlow", "bots");
  let resource: ReturnType<typeof flow>;
  let sid = "";

  test("create: one POST, every output from Twilio's answer, the definition stored canonically", async () => {
    resource = flow();
    stack.env.emulator.requests.clear();
    expect(await resource.up({ friendlyName: "Do you like bots?", definition: tutorial() })).toBe("create");
    sid = resource.state!.id;
    const { __provider, ...outs } = resource.state!.outputs;
    expect(typeof __provider).toBe("string");
    expect(Object.keys(outs.widgets as object)).toEqual([
      "Trigger",
      "send_and_reply_1",
      "send_message_1",
      "send_message_2",
      "send_message_3",
      "split_1",
    ]);
    expect({ ...outs, widgets: undefined }).toEqual({
      sid,
      friendlyName: "Do you like bots?",
      status: "published",
      flow: { description: "A New Flow", flags: { allow_concurrent_calls: true }, initial_state: "Trigger" },
      widgets: undefined,
      revision: 1,
      webhookUrl: `${stack.env.emulator.url}/v1/Accounts/${accountSid}/Flows/${sid}`,
      valid: true,
      errorCount: 0,
      warningCount: 0,
      driftedWidgets: [],
    });
    expect(requests()).toEqual(["POST /v2/Flows"]);
    expect(form(0)).toMatchObject({ FriendlyName: "Do you like bots?", Status: "published" });
    expect(latest(sid)?.commit_message).toMatch(/^deployed by studiokit \[studiokit [0-9a-f]{12}\]$/);
    expect(latest(sid)?.definition).toEqual(JSON.parse(JSON.stringify(tutorial())));
  });

  test("preview of the same flow reordered and reformatted: no change and no Twilio call", async () => {
    stack.env.emulator.requests.clear();
    expect(
      await resource.preview({ friendlyName: "Do you like bots?", definition: reshuffled(tutorial()) }),
    ).toBe("same");
    expect(await resource.up({ friendlyName: "Do you like bots?", definition: tutorial() })).toBe("same");
    expect(requests()).toEqual([]);
  });

  test("Studio's defaults spelt out (a gather's 5 seconds, # and one loop): no change; another value: a change", async () => {
    const voice = stack.resource("studioFlow", "defaults");
    const definition = (gather: Record<string, unknown>): FlowDefinition => ({
      states: [
        {
          name: "Trigger",
          type: "trigger",
          transitions: [{ event: "incomingCall", next: "menu" }],
          properties: {},
        },
        {
          name: "menu",
          type: "gather-input-on-call",
          transitions: [{ event: "keypress", next: "lookup" }],
          properties: { say: "Press a key", ...gather },
        },
        {
          name: "lookup",
          type: "make-http-request",
          transitions: [],
          properties: {
            method: "GET",
            content_type: "application/x-www-form-urlencoded;charset=utf-8",
            url: "https://example.com/{{widgets.menu.Digits}}",
          },
        },
      ],
      initial_state: "Trigger",
    });
    expect(await voice.up({ friendlyName: "Defaults", definition: definition({}) })).toBe("create");
    stack.env.emulator.requests.clear();
    const spelt = definition({ timeout: 5, finish_on_key: "#", loop: 1 });
    expect(await voice.preview({ friendlyName: "Defaults", definition: spelt })).toBe("same");
    expect(requests()).toEqual([]);
    expect(await voice.preview({ friendlyName: "Defaults", definition: definition({ timeout: 6 }) })).toBe(
      "update",
    );
  });

  test("one widget changed: the input diff names exactly that widget; update makes revision 2, status re-sent", async () => {
    const changed = withBody(tutorial(), "send_message_2", "🤖 yes!");
    const checked = await resource.check({ friendlyName: "Do you like bots?", definition: changed });
    expect(propertyDiff(resource.state!.inputs, checked)).toEqual(["widgets.send_message_2.properties.body"]);
    stack.env.emulator.requests.clear();
    expect(await resource.up({ friendlyName: "Do you like bots?", definition: changed })).toBe("update");
    expect(requests()).toEqual([`POST /v2/Flows/${sid}`]);
    expect(form(0)).toMatchObject({ Status: "published", FriendlyName: "Do you like bots?" });
    expect(resource.state!.outputs["revision"]).toBe(2);
    expect(latest(sid)?.definition).toEqual(JSON.parse(JSON.stringify(changed)));
  });

  test("a console edit: refresh names the drifted widget, the next up puts the program's flow back", async () => {
    const program = withBody(tutorial(), "send_message_2", "🤖 yes!");
    await stack.env.client.studio.v2.flows(sid).update({
      status: "published",
      definition: withBody(program, "send_message_3", "👽 edited in the console"),
    });
    await resource.refresh();
    expect(resource.state!.outputs["driftedWidgets"]).toEqual(["send_message_3"]);
    expect(resource.state!.outputs["revision"]).toBe(3);
    const checked = await resource.check({ friendlyName: "Do you like bots?", definition: program });
    expect(propertyDiff(resource.state!.inputs, checked)).toEqual(["widgets.send_message_3.properties.body"]);
    expect(await resource.up({ friendlyName: "Do you like bots?", definition: program })).toBe("update");
    await resource.refresh();
    expect(resource.state!.outputs["driftedWidgets"]).toEqual([]);
    expect(resource.state!.outputs["revision"]).toBe(4);
    expect(await resource.preview({ friendlyName: "Do you like bots?", definition: program })).toBe("same");
  });

  test("draft status, commit message and test users: one update, Status re-sent as draft", async () => {
    const program = withBody(tutorial(), "send_message_2", "🤖 yes!");
    stack.env.emulator.requests.clear();
    const args = {
      friendlyName: "Do you like bots?",
      definition: program,
      status: "draft",
      testUsers: ["alice"],
    };
    expect(await resource.up({ ...args, commitMessage: "try it as a draft" })).toBe("update");
    expect(requests()).toEqual([`POST /v2/Flows/${sid}`, `POST /v2/Flows/${sid}/TestUsers`]);
    expect(form(0)).toMatchObject({ Status: "draft", CommitMessage: "try it as a draft" });
    expect(stack.env.emulator.store.flows.get(sid)?.test_users).toEqual(["alice"]);
    expect(resource.state!.outputs).toMatchObject({ status: "draft", testUsers: ["alice"], revision: 5 });
    // A new commit message alone describes no new revision: nothing to do.
    expect(await resource.preview({ ...args, commitMessage: "another message" })).toBe("same");
  });

  test("`pulumi import` cannot reach a dynamic provider: the engine's Read carries no provider code", async () => {
    // What the engine sends for `pulumi import` or the `import` option: an id and no state.
    await expect(stack.plugin.read(resource.urn, sid, {})).rejects.toThrow(/code must be a string/);
  });

  test("adoptSid takes over a flow made in the console: no second flow, one revision to the program's version", async () => {
    const console = await stack.env.client.studio.v2.flows.create({
      friendlyName: "Made in the console",
      status: "published",
      definition: withBody(tutorial(), "send_message_1", "👻 from the console"),
    });
    const flowsBefore = stack.env.emulator.store.flows.size;
    const adopter = stack.resource("studioFlow", "adopted");
    const args = { friendlyName: "Do you like bots?", definition: tutorial(), adoptSid: console.sid };
    expect(await adopter.up(args)).toBe("create");
    expect(adopter.state!.id).toBe(console.sid);
    expect(stack.env.emulator.store.flows.size).toBe(flowsBefore);
    expect(adopter.state!.outputs).toMatchObject({ friendlyName: "Do you like bots?", revision: 2 });
    expect(latest(console.sid)?.definition).toEqual(JSON.parse(JSON.stringify(tutorial())));
    expect(await adopter.preview(args)).toBe("same");
    await adopter.destroy();
  });

  test("adoptSid of a flow already as the program has it: one GET, no new revision", async () => {
    const console = await stack.env.client.studio.v2.flows.create({
      friendlyName: "Do you like bots?",
      status: "published",
      definition: tutorial(),
    });
    const adopter = stack.resource("studioFlow", "adopted-as-is");
    const args = { friendlyName: "Do you like bots?", definition: tutorial(), adoptSid: console.sid };
    stack.env.emulator.requests.clear();
    expect(await adopter.up(args)).toBe("create");
    expect(requests()).toEqual([`GET /v2/Flows/${console.sid}`]);
    expect(adopter.state!.outputs).toMatchObject({ friendlyName: "Do you like bots?", revision: 1 });
    await adopter.destroy();
  });

  test("destroy deletes the flow; deleting again (404) and refreshing a deleted flow are not errors", async () => {
    const outputs = resource.state!.outputs;
    await resource.destroy();
    expect(stack.env.emulator.store.flows.has(sid)).toBe(false);
    await stack.plugin.delete(resource.urn, sid, outputs);
    resource.state = { id: sid, inputs: {}, outputs };
    await resource.refresh();
    expect(resource.state).toBeUndefined();
  });
});

describe("StudioFlow check", () => {
  test("an invalid widget fails check naming the widget and its path; nothing is sent to Twilio", async () => {
    const broken = tutorial();
    const { type: _type, ...untyped } = broken.states[1]!;
    stack.env.emulator.requests.clear();
    const checked = await stack.plugin.check(
      stack.resource("studioFlow", "broken").urn,
      {},
      {
        __provider: stack.texts.studioFlow,
        friendlyName: "broken",
        definition: { ...broken, states: [broken.states[0], untyped, ...broken.states.slice(2)] },
      },
    );
    expect(checked.failures).toHaveLength(1);
    expect(checked.failures[0]).toEqual({
      property: "definition",
      reason: expect.stringMatching(/^widget "send_and_reply_1" \(states\[1\]\.type\): /),
    });
    expect(requests()).toEqual([]);
  });

  test("settings are checked too, by property", async () => {
    const checked = await stack.plugin.check(
      stack.resource("studioFlow", "nameless").urn,
      {},
      {
        __provider: stack.texts.studioFlow,
        friendlyName: "",
        status: "live",
        definition: tutorial(),
      },
    );
    expect(checked.failures).toEqual([
      { property: "friendlyName", reason: "give the flow a friendly name" },
      { property: "status", reason: 'Invalid option: expected one of "draft"|"published"' },
    ]);
  });

  test("Twilio's webchat sample passes check (its warnings do not fail); with strict they do, named", async () => {
    const webchat = realFlows().find((f) => f.file === "twilio--twilio-webchat-react-app--studio-flow.json")!;
    const check = (strict?: boolean) =>
      stack.plugin.check(
        stack.resource("studioFlow", "webchat").urn,
        {},
        {
          __provider: stack.texts.studioFlow,
          friendlyName: "Webchat",
          definition: webchat.json,
          ...(strict === undefined ? {} : { strict }),
        },
      );
    expect((await check()).failures).toEqual([]);
    expect((await check(false)).failures).toEqual([]);
    expect((await check(true)).failures).toEqual([
      {
        property: "definition",
        reason:
          'widget "send_to_flex_agent" (states[1].properties.attributes): warning (strict): Liquid at line 1, column 272 reads widgets.send_service_options, but no widget is named "send_service_options", so it renders empty',
      },
      {
        property: "definition",
        reason:
          'widget "loop_checker" (states[5]): warning (strict): no transition leads here from "Trigger", so it never runs; connect it or delete it',
      },
    ]);
  });

  test("validateWithTwilio asks Twilio's FlowValidate during check (preview), and only then", async () => {
    stack.env.emulator.requests.clear();
    const flow = stack.resource("studioFlow", "validated");
    expect(await flow.preview({ friendlyName: "v", definition: tutorial(), validateWithTwilio: true })).toBe(
      "create",
    );
    expect(requests()).toEqual(["POST /v2/Flows/Validate"]);
    expect(form(0)).toMatchObject({ FriendlyName: "v", Status: "published" });
  });
});
