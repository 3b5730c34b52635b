import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpoints } from "../../src/emulator";
import { withEmulator, type TestEmulator } from "../support/emulator";
import { operationFor, specProblems } from "../support/oai";
import { seedFlowPath } from "../support/fixtures";

// Every endpoint the emulator serves, called once for real and its reply checked against the
// OpenAPI operation it implements (test/fixtures/twilio-oai).
const definition = fs.readFileSync(seedFlowPath, "utf8");
let t: TestEmulator;
const checked = new Set<string>();

beforeAll(async () => {
  t = await withEmulator();
});
afterAll(() => t.emulator.close());

type Json = Record<string, unknown>;

/** Calls the endpoint and expects its reply to be a declared status with a conforming body. */
async function call(
  method: string,
  template: string,
  path: string,
  status: number,
  form?: Record<string, string | string[]>,
) {
  const op = operationFor(method, template);
  expect(op, `${method} ${template} is in the specs`).toBeDefined();
  const res = await t.raw(method, path, form);
  expect({ status: res.status, body: res.json }).toMatchObject({ status });
  expect(specProblems(op!.operationId, res.status, res.json)).toEqual([]);
  checked.add(`${method} ${template}`);
  return (res.json ?? {}) as Json;
}

describe("responses conform to the OpenAPI specs", () => {
  it("Studio v2", async () => {
    const flow = await call("POST", "/v2/Flows", "/v2/Flows", 201, {
      FriendlyName: "spec",
      Status: "draft",
      Definition: definition,
      CommitMessage: "first",
    });
    const sid = String(flow["sid"]);
    await call("GET", "/v2/Flows", "/v2/Flows", 200);
    await call("GET", "/v2/Flows/{Sid}", `/v2/Flows/${sid}`, 200);
    await call("POST", "/v2/Flows/{Sid}", `/v2/Flows/${sid}`, 200, { Status: "published" });
    await call("POST", "/v2/Flows/Validate", "/v2/Flows/Validate", 200, {
      FriendlyName: "v",
      Status: "draft",
      Definition: definition,
    });
    await call("GET", "/v2/Flows/{Sid}/Revisions", `/v2/Flows/${sid}/Revisions`, 200);
    await call(
      "GET",
      "/v2/Flows/{Sid}/Revisions/{Revision}",
      `/v2/Flows/${sid}/Revisions/LatestPublished`,
      200,
    );
    await call("POST", "/v2/Flows/{Sid}/TestUsers", `/v2/Flows/${sid}/TestUsers`, 200, {
      TestUsers: ["a", "b"],
    });
    await call("GET", "/v2/Flows/{Sid}/TestUsers", `/v2/Flows/${sid}/TestUsers`, 200);
    await call("DELETE", "/v2/Flows/{Sid}", `/v2/Flows/${sid}`, 204);
  });

  it("Studio v2 executions, their steps and contexts", async () => {
    const flow = await t.raw("POST", "/v2/Flows", {
      FriendlyName: "rest",
      Status: "published",
      Definition: definition,
    });
    const base = `/v2/Flows/${String((flow.json as Json)["sid"])}/Executions`;
    const e = "/v2/Flows/{FlowSid}/Executions";
    const execution = await call("POST", e, base, 201, {
      To: "+15558675310",
      From: "+15017122661",
      Parameters: '{"name":"Ada"}',
    });
    const fn = String(execution["sid"]);
    await call("GET", e, base, 200);
    await call("GET", `${e}/{Sid}`, `${base}/${fn}`, 200);
    await call("GET", `${e}/{ExecutionSid}/Context`, `${base}/${fn}/Context`, 200);
    const steps = await call("GET", `${e}/{ExecutionSid}/Steps`, `${base}/${fn}/Steps`, 200);
    const ft = String((steps["steps"] as Json[])[0]?.["sid"]);
    await call("GET", `${e}/{ExecutionSid}/Steps/{Sid}`, `${base}/${fn}/Steps/${ft}`, 200);
    await call(
      "GET",
      `${e}/{ExecutionSid}/Steps/{StepSid}/Context`,
      `${base}/${fn}/Steps/${ft}/Context`,
      200,
    );
    await call("POST", `${e}/{Sid}`, `${base}/${fn}`, 200, { Status: "ended" });
    await call("DELETE", `${e}/{Sid}`, `${base}/${fn}`, 204);
  });

  it("Conversations v1 account configuration and address configurations", async () => {
    await call("GET", "/v1/Configuration", "/v1/Configuration", 200);
    await call("POST", "/v1/Configuration", "/v1/Configuration", 200, { DefaultClosedTimer: "PT10M" });
    await call("GET", "/v1/Configuration/Webhooks", "/v1/Configuration/Webhooks", 200);
    await call("POST", "/v1/Configuration/Webhooks", "/v1/Configuration/Webhooks", 200, {
      Method: "POST",
      Filters: ["onMessageAdded"],
      PostWebhookUrl: "https://example.com/post",
      Target: "webhook",
    });
    const flow = await t.raw("POST", "/v2/Flows", {
      FriendlyName: "f",
      Status: "published",
      Definition: definition,
    });
    const flowSid = String((flow.json as Json)["sid"]);
    const forms: Array<Record<string, string | string[]>> = [
      {
        Type: "sms",
        Address: "+15005550006",
        "AutoCreation.Enabled": "true",
        "AutoCreation.Type": "studio",
        "AutoCreation.StudioFlowSid": flowSid,
      },
      {
        Type: "whatsapp",
        Address: "whatsapp:+15005550006",
        "AutoCreation.Type": "webhook",
        "AutoCreation.WebhookUrl": "https://example.com/h",
        "AutoCreation.WebhookFilters": ["onMessageAdded", "onParticipantAdded"],
      },
      { Type: "email", Address: "support@example.com", FriendlyName: "mail" },
    ];
    const sids: string[] = [];
    for (const form of forms)
      sids.push(
        String(
          (await call("POST", "/v1/Configuration/Addresses", "/v1/Configuration/Addresses", 201, form))[
            "sid"
          ],
        ),
      );
    await call("GET", "/v1/Configuration/Addresses", "/v1/Configuration/Addresses", 200);
    await call("GET", "/v1/Configuration/Addresses/{Sid}", `/v1/Configuration/Addresses/${sids[0]}`, 200);
    await call("POST", "/v1/Configuration/Addresses/{Sid}", `/v1/Configuration/Addresses/${sids[0]}`, 200, {
      FriendlyName: "renamed",
      "AutoCreation.StudioRetryCount": "2",
    });
    await call("DELETE", "/v1/Configuration/Addresses/{Sid}", `/v1/Configuration/Addresses/${sids[2]}`, 204);
  });

  it.each([
    ["default service", "/v1", ""],
    ["a named service", "/v1/Services/{ChatServiceSid}", "service"],
  ])("Conversations v1 conversations, participants and webhooks under %s", async (_name, prefix, kind) => {
    let base = "/v1";
    if (kind === "service") {
      const service = await call("POST", "/v1/Services", "/v1/Services", 201, {
        FriendlyName: "spec service",
      });
      base = `/v1/Services/${String(service["sid"])}`;
    }
    const flow = await t.raw("POST", "/v2/Flows", {
      FriendlyName: "f",
      Status: "published",
      Definition: definition,
    });
    const flowSid = String((flow.json as Json)["sid"]);
    const conv = await call("POST", `${prefix}/Conversations`, `${base}/Conversations`, 201, {
      FriendlyName: "spec",
      UniqueName: `spec-${kind}`,
      "Timers.Closed": "PT10M",
      Attributes: '{"topic":"spec"}',
    });
    const ch = String(conv["sid"]);
    await call("GET", `${prefix}/Conversations`, `${base}/Conversations`, 200);
    await call("GET", `${prefix}/Conversations/{Sid}`, `${base}/Conversations/${ch}`, 200);
    await call("POST", `${prefix}/Conversations/{Sid}`, `${base}/Conversations/${ch}`, 200, {
      State: "inactive",
    });
    const p = `${prefix}/Conversations/{ConversationSid}/Participants`;
    const sms = await call("POST", p, `${base}/Conversations/${ch}/Participants`, 201, {
      "MessagingBinding.Address": `+1555000${kind === "service" ? 1 : 2}`,
      "MessagingBinding.ProxyAddress": "+15005550006",
    });
    await call("POST", p, `${base}/Conversations/${ch}/Participants`, 201, { Identity: "agent" });
    await call("GET", p, `${base}/Conversations/${ch}/Participants`, 200);
    const mb = String(sms["sid"]);
    await call("GET", `${p}/{Sid}`, `${base}/Conversations/${ch}/Participants/${mb}`, 200);
    await call("POST", `${p}/{Sid}`, `${base}/Conversations/${ch}/Participants/${mb}`, 200, {
      Attributes: "{}",
    });
    const w = `${prefix}/Conversations/{ConversationSid}/Webhooks`;
    const studio = await call("POST", w, `${base}/Conversations/${ch}/Webhooks`, 201, {
      Target: "studio",
      "Configuration.FlowSid": flowSid,
      "Configuration.ReplayAfter": "0",
    });
    await call("POST", w, `${base}/Conversations/${ch}/Webhooks`, 201, {
      Target: "webhook",
      "Configuration.Url": "https://example.com/w",
      "Configuration.Method": "post",
      "Configuration.Filters": ["onMessageAdded", "onConversationUpdated"],
    });
    await call("POST", w, `${base}/Conversations/${ch}/Webhooks`, 201, {
      Target: "trigger",
      "Configuration.Url": "https://example.com/t",
      "Configuration.Triggers": ["help"],
    });
    await call("GET", w, `${base}/Conversations/${ch}/Webhooks`, 200);
    const m = `${prefix}/Conversations/{ConversationSid}/Messages`;
    const message = await call("POST", m, `${base}/Conversations/${ch}/Messages`, 201, {
      Author: `+1555000${kind === "service" ? 1 : 2}`,
      Body: "hi",
    });
    await call("GET", m, `${base}/Conversations/${ch}/Messages`, 200);
    const im = String(message["sid"]);
    await call("GET", `${m}/{Sid}`, `${base}/Conversations/${ch}/Messages/${im}`, 200);
    await call("DELETE", `${m}/{Sid}`, `${base}/Conversations/${ch}/Messages/${im}`, 204);
    const wh = String(studio["sid"]);
    await call("GET", `${w}/{Sid}`, `${base}/Conversations/${ch}/Webhooks/${wh}`, 200);
    await call("POST", `${w}/{Sid}`, `${base}/Conversations/${ch}/Webhooks/${wh}`, 200, {
      "Configuration.FlowSid": flowSid,
    });
    await call("DELETE", `${w}/{Sid}`, `${base}/Conversations/${ch}/Webhooks/${wh}`, 204);
    await call("DELETE", `${p}/{Sid}`, `${base}/Conversations/${ch}/Participants/${mb}`, 204);
    await call("DELETE", `${prefix}/Conversations/{Sid}`, `${base}/Conversations/${ch}`, 204);
  });

  it("Conversations v1 services and their configuration", async () => {
    const service = await call("POST", "/v1/Services", "/v1/Services", 201, { FriendlyName: "cfg" });
    const is = String(service["sid"]);
    await call("GET", "/v1/Services", "/v1/Services", 200);
    await call("GET", "/v1/Services/{Sid}", `/v1/Services/${is}`, 200);
    const c = "/v1/Services/{ChatServiceSid}/Configuration";
    await call("GET", c, `/v1/Services/${is}/Configuration`, 200);
    await call("POST", c, `/v1/Services/${is}/Configuration`, 200, { ReachabilityEnabled: "true" });
    await call("GET", `${c}/Webhooks`, `/v1/Services/${is}/Configuration/Webhooks`, 200);
    await call("POST", `${c}/Webhooks`, `/v1/Services/${is}/Configuration/Webhooks`, 200, {
      PreWebhookUrl: "https://example.com/pre",
      Filters: ["onMessageAdd"],
      Method: "GET",
    });
    await call("DELETE", "/v1/Services/{Sid}", `/v1/Services/${is}`, 204);
  });

  // API 2010 has no spec copy here: test/emulator/numbers.test.ts and sms-calls.test.ts check its
  // replies through the twilio library instead.
  it("covers every endpoint of Studio and Conversations the emulator serves, and each one is a spec operation", () => {
    const served = endpoints()
      .filter((e) => !e.path.startsWith("/2010-04-01/"))
      .map((e) => `${e.method} ${e.path}`);
    expect(served.filter((e) => !operationFor(e.split(" ")[0]!, e.split(" ")[1]!))).toEqual([]);
    expect([...checked].sort()).toEqual([...served].sort());
    expect(served).toHaveLength(74);
  });
});
