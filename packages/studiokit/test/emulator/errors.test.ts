import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountSid, authToken, withEmulator, type TestEmulator } from "../support/emulator";
import { localTwilio } from "../support/twilio-local";
import { seedFlowPath } from "../support/fixtures";

const definition = fs.readFileSync(seedFlowPath, "utf8");
const apiKey = "SK" + "ab".repeat(16);
const apiSecret = "key-secret-77";
let t: TestEmulator;

beforeAll(async () => {
  t = await withEmulator({ apiKeys: { [apiKey]: apiSecret } });
});
afterAll(() => t.emulator.close());

const error = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

const basic = (user: string, secret: string) =>
  "Basic " + Buffer.from(`${user}:${secret}`).toString("base64");

async function get(path: string, authorization?: string) {
  const res = await fetch(
    t.emulator.url + path,
    authorization ? { headers: { Authorization: authorization } } : {},
  );
  return {
    status: res.status,
    authenticate: res.headers.get("www-authenticate"),
    body: (await res.json()) as unknown,
  };
}

describe("authentication", () => {
  it.each([
    ["no Authorization header", undefined],
    ["a wrong token", basic(accountSid, "wrong")],
    ["another account's SID", basic("AC" + "f".repeat(32), authToken)],
    ["an API key with the wrong secret", basic(apiKey, "nope")],
    ["an unknown API key", basic("SK" + "0".repeat(32), apiSecret)],
    ["a Bearer token", `Bearer ${authToken}`],
    ["garbage", "Basic !!!"],
  ])("refuses %s with 401/20003", async (_name, authorization) => {
    const res = await get("/v2/Flows", authorization);
    expect(res).toEqual({
      status: 401,
      authenticate: 'Basic realm="Twilio API"',
      body: error(401, 20003, "Authenticate"),
    });
  });

  it("refuses a path naming another account even with good credentials", async () => {
    const res = await get(`/v1/Accounts/AC${"e".repeat(32)}/Flows/FW${"0".repeat(32)}`, t.auth);
    expect(res.body).toEqual(error(401, 20003, "Authenticate"));
  });

  it("accepts an API key and secret (twilio-node with accountSid)", async () => {
    const client = localTwilio(t.emulator.url, apiKey, apiSecret, accountSid);
    const flow = await client.studio.v2.flows.create({ friendlyName: "by key", status: "draft", definition });
    expect(flow.accountSid).toBe(accountSid);
  });

  it("never puts a secret in an error body or the request log", async () => {
    await get("/v2/Flows", basic(accountSid, "wrong-secret-xyz"));
    const seen = JSON.stringify(t.emulator.requests.log);
    expect([seen.includes(authToken), seen.includes("wrong-secret-xyz"), seen.includes(apiSecret)]).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe("bad input gets a Twilio error body, never a 500", () => {
  it("unknown routes are 404/20404 and wrong methods 405/20004", async () => {
    expect((await t.raw("GET", "/v2/Nope")).json).toEqual(
      error(404, 20404, "The requested resource /v2/Nope was not found"),
    );
    expect((await t.raw("PUT", "/v2/Flows", {})).json).toEqual(
      error(405, 20004, "Method PUT not allowed on /v2/Flows; allowed: POST, GET"),
    );
    expect((await t.raw("DELETE", "/v2/Flows")).status).toBe(405);
    expect((await t.raw("GET", "/v2/Flows/%E0%A4%A")).status).toBe(404);
  });

  it.each([
    ["missing parameters", {}, 20001, "Missing required parameter Status in the post body"],
    [
      "a bad Status",
      { FriendlyName: "x", Status: "live", Definition: definition },
      20001,
      'Invalid parameter Status: "live" is not one of draft, published',
    ],
    [
      "a Definition that is not JSON",
      { FriendlyName: "x", Status: "draft", Definition: "{nope" },
      81022,
      'Invalid Flow Definition: #: Definition is not JSON: invalid JSON at line 1, column 2: expected a property name in double quotes, found "n"',
    ],
    [
      "a bad AuthorSid",
      { FriendlyName: "x", Status: "draft", Definition: definition, AuthorSid: "US1" },
      20001,
      'Invalid parameter AuthorSid: "US1" is not a US SID (US + 32 hex digits)',
    ],
  ])("flow create with %s", async (_name, form, code, message) => {
    const res = await t.raw("POST", "/v2/Flows", form);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject(error(400, code, message));
  });

  it("malformed form bodies are read leniently and answered with 400s", async () => {
    for (const body of ["%%%&&==&%zz", "\u0000\u00ff binary", "a=1&a=2&&&"]) {
      const res = await fetch(`${t.emulator.url}/v2/Flows`, {
        method: "POST",
        headers: { Authorization: t.auth, "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });
      expect([res.status, ((await res.json()) as { code: number }).code]).toEqual([400, 20001]);
    }
  });

  it("bad revisions, page tokens and page sizes", async () => {
    const flow = (
      await t.raw("POST", "/v2/Flows", { FriendlyName: "x", Status: "draft", Definition: definition })
    ).json as { sid: string };
    expect((await t.raw("GET", `/v2/Flows/${flow.sid}/Revisions/latest`)).json).toEqual(
      error(400, 81021, 'Revision "latest" must be an integer or one of LatestPublished, LatestRevision'),
    );
    expect((await t.raw("GET", `/v2/Flows/${flow.sid}/Revisions/9`)).status).toBe(404);
    expect((await t.raw("GET", "/v2/Flows?PageToken=PTbogus")).json).toEqual(
      error(400, 21481, 'Invalid PageToken "PTbogus"'),
    );
    expect((await t.raw("GET", "/v2/Flows?PageSize=0")).json).toEqual(
      error(400, 20001, 'Invalid parameter PageSize: expected an integer from 1 to 1000, got "0"'),
    );
    expect((await t.raw("GET", "/v2/Flows?Page=-1")).status).toBe(400);
  });

  it("conversation parameters: bad JSON attributes, durations, dates, SIDs and booleans", async () => {
    const cases: Array<[string, Record<string, string>]> = [
      ["/v1/Conversations", { Attributes: "{bad" }],
      ["/v1/Conversations", { "Timers.Inactive": "10 minutes" }],
      ["/v1/Conversations", { DateCreated: "yesterday" }],
      ["/v1/Conversations", { MessagingServiceSid: "MG12" }],
      ["/v1/Conversations", { State: "open" }],
      ["/v1/Configuration/Addresses", { Type: "sms", Address: "+1", "AutoCreation.Enabled": "yes" }],
      ["/v1/Configuration/Addresses", { Type: "sms", Address: "+1", "AutoCreation.StudioRetryCount": "two" }],
      ["/v1/Configuration/Addresses", { Type: "sms", Address: "+1", "AutoCreation.WebhookUrl": "ftp://x" }],
      ["/v1/Configuration/Webhooks", { Method: "PUT" }],
    ];
    for (const [path, form] of cases) {
      const res = await t.raw("POST", path, form);
      expect([path, form, res.status, (res.json as { code: number }).code]).toEqual([path, form, 400, 20001]);
    }
  });
});
