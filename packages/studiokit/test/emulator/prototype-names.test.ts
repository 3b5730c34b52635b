import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpoints } from "../../src/emulator";
import { accountSid, authToken, withEmulator, type TestEmulator } from "../support/emulator";
import { seedFlowPath } from "../support/fixtures";
import { formFields } from "../support/oai";

// Names that are properties of every plain object, sent wherever a request names something the
// emulator looks up: credentials, every SID in a path, names and unique names, query parameters,
// form fields and the keys of JSON fields. None may reach the prototype chain: each is an unknown
// name (401, 404, 400) or an ordinary value that round-trips, never a 500.

const names = [
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "prototype",
  "__defineGetter__",
  "isPrototypeOf",
];
const definition = fs.readFileSync(seedFlowPath, "utf8");
/** The tutorial, also started by REST requests: such an execution waits for the contact's reply. */
const waiting = (() => {
  const d = JSON.parse(definition) as { states: Array<{ name: string; transitions: Json[] }> };
  const trigger = d.states.find((s) => s.name === "Trigger")!;
  trigger.transitions = trigger.transitions.map((tr) =>
    tr["event"] === "incomingRequest" ? { ...tr, next: "send_and_reply_1" } : tr,
  );
  return JSON.stringify(d);
})();
const number = "+15017122661";
const contact = "+15558675310";
let t: TestEmulator;
/** A real SID (or revision) for every capture in a path, by the collection it follows. */
const real: Record<string, string> = {};
/** The same for API 2010 paths, whose `Messages` are SMS, not a conversation's messages. */
const real2010: Record<string, string> = {};

type Json = Record<string, unknown>;
const json = (value: unknown) => value as Json;

beforeAll(async () => {
  t = await withEmulator({ numbers: [number] });
  const flow = json(
    (await t.raw("POST", "/v2/Flows", { FriendlyName: "f", Status: "published", Definition: waiting })).json,
  );
  const flowSid = String(flow["sid"]);
  const execution = json(
    (await t.raw("POST", `/v2/Flows/${flowSid}/Executions`, { To: contact, From: number })).json,
  );
  const executionSid = String(execution["sid"]);
  const address = json(
    (await t.raw("POST", "/v1/Configuration/Addresses", { Type: "sms", Address: number })).json,
  );
  const conversation = json((await t.raw("POST", "/v1/Conversations", { FriendlyName: "c" })).json);
  const conversationSid = String(conversation["sid"]);
  const base = `/v1/Conversations/${conversationSid}`;
  const participant = json(
    (
      await t.raw("POST", `${base}/Participants`, {
        "MessagingBinding.Address": "+15558675399",
        "MessagingBinding.ProxyAddress": number,
      })
    ).json,
  );
  const webhook = json(
    (await t.raw("POST", `${base}/Webhooks`, { Target: "studio", "Configuration.FlowSid": flowSid })).json,
  );
  const message = json((await t.raw("POST", `${base}/Messages`, { Body: "hello" })).json);
  const numberSid = [...t.emulator.store.incomingPhoneNumbers.keys()][0]!;
  await t.raw("POST", `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers/${numberSid}.json`, {
    VoiceUrl: String(flow["webhook_url"]),
  });
  const call = json((await t.raw("POST", "/studiokit/v1/Calls", { From: contact, To: number })).json);
  expect(call["sid"]).toMatch(/^CA[0-9a-f]{32}$/);
  Object.assign(real2010, {
    Accounts: accountSid,
    IncomingPhoneNumbers: numberSid,
    // The SMS the REST-started execution above sent.
    Messages: [...t.emulator.store.messages.keys()][0]!,
    Calls: String(call["sid"]),
  });
  real["Calls"] = String(call["sid"]);
  Object.assign(real, {
    Flows: flowSid,
    Revisions: "1",
    Executions: executionSid,
    Steps: t.emulator.live.executions.get(executionSid)!.steps[0]!.sid,
    Addresses: String(address["sid"]),
    // The default service: scoped paths then find the conversation above.
    Services: t.emulator.store.configuration.default_chat_service_sid,
    Conversations: conversationSid,
    Participants: String(participant["sid"]),
    Webhooks: String(webhook["sid"]),
    Messages: String(message["sid"]),
  });
});
afterAll(() => t.emulator.close());

/** `template` with every `{Capture}` filled with a real SID, except the `hostile`-th one. */
function fill(template: string, hostile?: { index: number; name: string }): string {
  let index = 0;
  const sids = template.startsWith("/2010-04-01/") ? real2010 : real;
  return template.replace(/([A-Za-z]+)\/\{\w+\}/g, (_m, collection: string) => {
    const value = index++ === hostile?.index ? hostile.name : sids[collection];
    if (value === undefined) throw new Error(`no real SID for ${collection} in ${template}`);
    return `${collection}/${encodeURIComponent(value)}`;
  });
}

const captures = (template: string) => (template.match(/\{\w+\}/g) ?? []).length;

/** A Twilio error body with the status it was sent with. */
function expectTwilioError(res: { status: number; json: unknown }, what: string): void {
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  expect(res.json, what).toMatchObject({
    code: expect.any(Number),
    message: expect.any(String),
    more_info: expect.stringMatching(/^https:\/\/www\.twilio\.com\/docs\/errors\/\d+$/),
    status: res.status,
  });
}

const basic = (user: string, secret: string) =>
  "Basic " + Buffer.from(`${user}:${secret}`).toString("base64");

describe.each(names)("%s", (name) => {
  it("as a Basic-auth username or an account SID in the path: 401/20003", async () => {
    for (const secret of [authToken, name, ""]) {
      const res = await fetch(`${t.emulator.url}/v2/Flows`, {
        headers: { Authorization: basic(name, secret) },
      });
      expect([res.status, await res.json()]).toEqual([401, expect.objectContaining({ code: 20003 })]);
    }
    const res = await t.raw("GET", `/v1/Accounts/${encodeURIComponent(name)}/Flows/${real["Flows"]}`);
    expect(res.status).toBe(401);
  });

  it("as a call on the emulator's own Calls endpoint: 404/20404", async () => {
    const path = `/studiokit/v1/Calls/${encodeURIComponent(name)}`;
    for (const res of [await t.raw("GET", path), await t.raw("POST", path, { Digits: "1" })])
      expect([res.status, json(res.json)["code"]]).toEqual([404, 20404]);
  });

  it("as every SID in every path, with every method: an error naming no internals, never a 500", async () => {
    for (const { method, path: template } of endpoints()) {
      for (let index = 0; index < captures(template); index++) {
        const path = fill(template, { index, name });
        const res = await t.raw(method, path, method === "POST" ? {} : undefined);
        const what = `${method} ${path}`;
        expectTwilioError(res, what);
        if (method === "GET")
          expect([res.status, json(res.json)["code"]], what).toEqual(
            template.endsWith("{Revision}") && index === 1
              ? [400, 81021]
              : template.startsWith("/2010-04-01/Accounts/{AccountSid}") && index === 0
                ? [401, 20003]
                : [404, 20404],
          );
      }
    }
  });

  it("as a unique name, an identity, an address, a contact: stored and found again by that name", async () => {
    const conversation = json((await t.raw("POST", "/v1/Conversations", { UniqueName: name })).json);
    expect(conversation["unique_name"]).toBe(name);
    const byName = await t.raw("GET", `/v1/Conversations/${encodeURIComponent(name)}`);
    expect([byName.status, json(byName.json)["sid"]]).toEqual([200, conversation["sid"]]);
    const participants = `/v1/Conversations/${String(conversation["sid"])}/Participants`;
    const participant = json((await t.raw("POST", participants, { Identity: name })).json);
    const byIdentity = await t.raw("GET", `${participants}/${encodeURIComponent(name)}`);
    expect([byIdentity.status, json(byIdentity.json)["sid"]]).toEqual([200, participant["sid"]]);
    const address = json(
      (await t.raw("POST", "/v1/Configuration/Addresses", { Type: "chat", Address: name })).json,
    );
    const byAddress = await t.raw("GET", `/v1/Configuration/Addresses/${encodeURIComponent(name)}`);
    expect([byAddress.status, json(byAddress.json)["sid"]]).toEqual([200, address["sid"]]);
    // The contact's one active execution of the flow is found by the contact's name.
    const executions = `/v2/Flows/${real["Flows"]}/Executions`;
    const first = await t.raw("POST", executions, { To: name, From: number });
    const second = await t.raw("POST", executions, { To: name, From: number });
    expect([first.status, json(first.json)["status"]]).toEqual([201, "active"]);
    expect(json(second.json)["sid"]).toBe(json(first.json)["sid"]);
    const testUsers = await t.raw("POST", `/v2/Flows/${real["Flows"]}/TestUsers`, { TestUsers: name });
    expect(json(testUsers.json)["test_users"]).toEqual([name]);
  });

  it("as an inbound contact or address: routed by that name like any other", async () => {
    const unknown = await t.raw("POST", "/studiokit/v1/Inbound", { From: contact, To: name, Body: "hi" });
    expect([unknown.status, json(unknown.json)["code"]]).toEqual([404, 20404]);
    const from = `whatsapp:${name}`;
    await t.raw("POST", "/v1/Configuration/Addresses", {
      Type: "whatsapp",
      Address: `whatsapp:${number}-${name}`,
      "AutoCreation.Enabled": "true",
      "AutoCreation.Type": "studio",
      "AutoCreation.StudioFlowSid": real["Flows"]!,
    });
    const say = (body: string) =>
      t.raw("POST", "/studiokit/v1/Inbound", { From: from, To: `whatsapp:${number}-${name}`, Body: body });
    const hi = json((await say("hi")).json);
    const yes = json((await say("Yes")).json);
    expect(yes["conversation_sid"]).toBe(hi["conversation_sid"]);
    expect((yes["replies"] as Json[]).map((r) => r["body"])).toEqual(["🤖"]);
  });

  it("as a query parameter's name or value on every list and fetch: never a 500", async () => {
    const params = ["PageSize", "Page", "PageToken", "Status", "status", "Type", "Order", "State"];
    for (const { method, path: template } of endpoints().filter((e) => e.method === "GET")) {
      const path = fill(template);
      const plain = await t.raw("GET", path);
      const named = await t.raw("GET", `${path}?${encodeURIComponent(name)}=${encodeURIComponent(name)}`);
      expect(named.status, `${method} ${path}?${name}=`).toBe(plain.status);
      for (const param of [...params, "DateCreatedFrom", "DateCreatedTo"]) {
        const res = await t.raw("GET", `${path}?${param}=${encodeURIComponent(name)}`);
        if (res.status !== plain.status) expectTwilioError(res, `${path}?${param}=${name}`);
      }
    }
  });

  it("as the value of every form field, as a field name, and as keys of JSON fields: never a 500", async () => {
    for (const { template, form, fields } of postEndpoints()) {
      const path = fill(template);
      const variants: Array<Record<string, string>> = [
        { ...form, [name]: name },
        ...fields.map((field) => ({ ...form, [field]: name })),
      ];
      for (const variant of variants) {
        const res = await t.raw("POST", path, variant);
        const what = `POST ${path} ${JSON.stringify(variant).slice(0, 200)}`;
        if (res.status >= 400) expectTwilioError(res, what);
      }
    }
    const keyed = JSON.stringify(Object.fromEntries(names.map((n) => [n, { [n]: n }])));
    const started = await t.raw("POST", `/v2/Flows/${real["Flows"]}/Executions`, {
      To: `+1555000${names.indexOf(name)}`,
      From: number,
      Parameters: keyed,
    });
    expect(started.status).toBe(201);
    // Every key arrives but `__proto__`, which the engine's trigger schema drops when it copies
    // `parameters` (src/engine/trigger.ts): the engine's to keep, not the emulator's.
    const arrived = Object.fromEntries(
      Object.entries(JSON.parse(keyed) as Json).filter(([k]) => k !== "__proto__"),
    );
    expect(json(json(json(started.json)["context"])["flow"])["data"]).toMatchObject(arrived);
    const attributes = await t.raw("POST", "/v1/Conversations", { Attributes: keyed });
    expect(json(attributes.json)["attributes"]).toBe(keyed);
  });
});

/** Every POST endpoint with a form it accepts and the fields its spec lists. */
function postEndpoints(): Array<{ template: string; form: Record<string, string>; fields: string[] }> {
  const flow = { FriendlyName: "f", Status: "draft", Definition: definition };
  const forms: Record<string, Record<string, string>> = {
    "/v2/Flows": flow,
    "/v2/Flows/{Sid}": { Status: "published" },
    "/v2/Flows/Validate": flow,
    "/v2/Flows/{Sid}/TestUsers": { TestUsers: "tester" },
    "/v2/Flows/{FlowSid}/Executions": { To: "+15550001111", From: number, Parameters: "{}" },
    "/v2/Flows/{FlowSid}/Executions/{Sid}": { Status: "ended" },
    "/v1/Configuration": {},
    "/v1/Configuration/Webhooks": {},
    "/v1/Configuration/Addresses": { Type: "sms", Address: "+15005550100" },
    "/v1/Configuration/Addresses/{Sid}": { FriendlyName: "x" },
    "/v1/Services": { FriendlyName: "s" },
    "/v1/Services/{ChatServiceSid}/Configuration": {},
    "/v1/Services/{ChatServiceSid}/Configuration/Webhooks": {},
    "/v1/Conversations": { FriendlyName: "x" },
    "/v1/Conversations/{Sid}": { FriendlyName: "x" },
    "/v1/Conversations/{ConversationSid}/Participants": { Identity: "someone" },
    "/v1/Conversations/{ConversationSid}/Participants/{Sid}": { Attributes: "{}" },
    "/v1/Conversations/{ConversationSid}/Webhooks": {
      Target: "webhook",
      "Configuration.Url": "https://example.com/w",
    },
    "/v1/Conversations/{ConversationSid}/Webhooks/{Sid}": { "Configuration.FlowSid": real["Flows"]! },
    "/v1/Conversations/{ConversationSid}/Messages": { Body: "hi" },
    "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json": { PhoneNumber: "+15005550101" },
    "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json": { SmsUrl: "https://example.com/s" },
  };
  const unscoped = (template: string) =>
    template.replace("/v1/Services/{ChatServiceSid}/Conversations", "/v1/Conversations");
  const rest = endpoints()
    .filter((e) => e.method === "POST")
    .map(({ path: template }) => {
      const form = forms[unscoped(template)];
      if (form === undefined) throw new Error(`no baseline form for POST ${template}`);
      const fields = [...new Set([...formFields("POST", template), ...Object.keys(form)])];
      return { template, form, fields };
    });
  return [
    ...rest,
    {
      template: "/studiokit/v1/Inbound",
      form: { From: "+15550002222", To: number, Body: "hi" },
      fields: ["From", "To", "Body"],
    },
    { template: "/studiokit/v1/Clock", form: { Advance: "1" }, fields: ["Advance"] },
    { template: "/studiokit/v1/Calls", form: { From: "+15550003333", To: number }, fields: ["From", "To"] },
  ];
}
