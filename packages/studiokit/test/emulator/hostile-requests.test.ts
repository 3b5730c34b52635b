import fc from "fast-check";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { accountSid, authToken, withEmulator, type TestEmulator } from "../support/emulator";
import { seedFlowPath } from "../support/fixtures";

// Requests no client library would send, written byte by byte on a socket: malformed request
// lines, headers, bodies, methods and paths. The emulator answers each with a Twilio error body
// (or serves it, when it is valid after all); a 500 never. And a change it cannot save (the
// state file's directory removed while running) is refused and left unapplied, memory and file
// agreeing.

const definition = fs.readFileSync(seedFlowPath, "utf8");
const auth = "Basic " + Buffer.from(`${accountSid}:${authToken}`).toString("base64");
let t: TestEmulator;

beforeAll(async () => {
  t = await withEmulator();
});
afterAll(() => t.emulator.close());

interface RawReply {
  /** Every status line the server wrote (pipelined requests get one each). */
  statuses: number[];
  /** The body of the first reply. */
  body: string;
}

/** Writes `bytes` on a fresh connection, half-closes it, and reads until the server closes it. */
function exchange(bytes: string | Buffer): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(t.emulator.port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no end of reply to ${JSON.stringify(bytes.toString().slice(0, 120))}`));
    }, 5000);
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("latin1");
      const statuses = [...text.matchAll(/^HTTP\/1\.[01] (\d{3}) /gm)].map((m) => Number(m[1]));
      const start = text.indexOf("\r\n\r\n");
      const length = /^content-length: *(\d+)/im.exec(text)?.[1];
      const body = start < 0 ? "" : text.slice(start + 4, start + 4 + Number(length ?? 0));
      resolve({ statuses, body });
    });
    socket.end(bytes);
  });
}

/** No 5xx; every error reply a Twilio error body with its own status. */
function expectNoServerError(reply: RawReply, what: string): void {
  for (const status of reply.statuses) expect(status, what).toBeLessThan(500);
  const first = reply.statuses[0];
  // A HEAD reply has no body, by HTTP's rules.
  if (first !== undefined && first >= 400 && !what.startsWith("HEAD ")) {
    expect(JSON.parse(Buffer.from(reply.body, "latin1").toString("utf8")), what).toMatchObject({
      code: expect.any(Number),
      message: expect.any(String),
      more_info: expect.stringContaining("https://www.twilio.com/docs/errors/"),
      status: first,
    });
  }
}

const request = (line: string, headers: string[], body = "") =>
  `${line}\r\n${[...headers, "Connection: close"].join("\r\n")}\r\n\r\n${body}`;

describe("malformed requests", () => {
  it("`GET http://[ HTTP/1.1` gets a 400 with Twilio's error body, and the server serves on", async () => {
    const reply = await exchange(request("GET http://[ HTTP/1.1", ["Host: x", `Authorization: ${auth}`]));
    expect(reply.statuses).toEqual([400]);
    expect(JSON.parse(reply.body)).toEqual({
      code: 20001,
      message: 'Bad Request: the request target "http://[" is not a path',
      more_info: "https://www.twilio.com/docs/errors/20001",
      status: 400,
    });
    expect((await t.raw("GET", "/v2/Flows")).status).toBe(200);
  });

  it("a request line or header node's parser refuses gets a 400 (431 for huge headers) with Twilio's body", async () => {
    const cases = [
      "GET /v2/Flows HTTP/1.1\r\n\r\n",
      "FOO / HTTP/1.1\r\n\r\n",
      "GET / HTTP/9\r\n\r\n",
      "GET\r\n\r\n",
      "GET / HTTP/1.1\r\nno colon here\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: a\u0000b\r\n\r\n",
      "POST /v2/Flows HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcde",
      "POST /v2/Flows HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
      "POST /v2/Flows HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
    ];
    for (const bytes of cases) {
      const reply = await exchange(bytes);
      expect(reply.statuses, JSON.stringify(bytes)).toEqual([400]);
      expectNoServerError(reply, JSON.stringify(bytes));
    }
    const huge = await exchange(`GET / HTTP/1.1\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(huge.statuses).toEqual([431]);
    expectNoServerError(huge, "huge header");
  });

  it("odd methods, paths, encodings and bodies: answered, never with a 5xx", async () => {
    const methods = ["GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS", "PROPFIND"];
    const paths = [
      "/",
      "*",
      "//v2/Flows",
      "/v2/Flows/%",
      "/v2/Flows/%E0%A4%A",
      "/v2/Flows/%00",
      "/v2/Flows/%C0%AF",
      "/v2/%2e%2e/Flows",
      "/v2/Flows/..%2F..%2Fetc",
      "/v2/Flows?%=%&PageSize=%ZZ",
      "/v2/Flows?PageToken=%FF%FE",
      "/v1/Conversations/%F0%9F%98%80",
      "/v1/Conversations/\u00e9",
      `/v2/Flows/${"x".repeat(8000)}`,
      "/v1/Configuration/Addresses/+1%20555",
      "/studiokit/v1/Inbound?From=%",
      "http://example.com/v2/Flows",
    ];
    const bodies = [
      ["application/x-www-form-urlencoded", "%"],
      ["application/x-www-form-urlencoded", "a=%ZZ&&=&FriendlyName"],
      ["application/x-www-form-urlencoded", "Status=draft&FriendlyName=x&Definition=%7B"],
      ["application/json", '{"FriendlyName":"x","Status":"draft"}'],
      ["application/json", "{"],
      ["application/json", "[[[[[[[[[[]]]]]]]]]]"],
      ["text/plain", "\u0000\u0001\u00ff"],
      ["", ""],
    ] as const;
    for (const method of methods)
      for (const target of paths)
        for (const [type, body] of bodies) {
          const headers = [
            `Host: localhost`,
            `Authorization: ${auth}`,
            `Content-Length: ${Buffer.byteLength(body)}`,
          ];
          if (type !== "") headers.push(`Content-Type: ${type}`);
          const bytes = request(`${method} ${target} HTTP/1.1`, headers, body);
          expectNoServerError(await exchange(bytes), `${method} ${target} ${type} ${body}`);
        }
  }, 60_000);

  it("random request lines, headers and bodies (fast-check, seeded): never a 5xx", async () => {
    const token = fc.string({ unit: "binary-ascii", maxLength: 40 });
    const requestBytes = fc.record({
      method: fc.oneof(fc.constantFrom("GET", "POST", "DELETE", "PUT"), token),
      target: fc.oneof(
        fc.constantFrom("/v2/Flows", "/v1/Conversations", "/v2/Flows/Validate", "/studiokit/v1/Inbound"),
        token.map((s) => `/${s}`),
        fc.webPath(),
      ),
      version: fc.constantFrom("HTTP/1.1", "HTTP/1.0", "HTTP/1.1", "HTTP/2.0"),
      headers: fc.array(fc.tuple(token, token), { maxLength: 4 }),
      body: fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 4 }), fc.webQueryParameters()),
    });
    await fc.assert(
      fc.asyncProperty(requestBytes, async (r) => {
        const headers = [`Authorization: ${auth}`, ...r.headers.map(([k, v]) => `${k}: ${v}`)];
        headers.push(`Content-Length: ${Buffer.byteLength(r.body)}`);
        const reply = await exchange(request(`${r.method} ${r.target} ${r.version}`, headers, r.body));
        for (const status of reply.statuses) if (status >= 500) return false;
        return true;
      }),
      { numRuns: 400, seed: 1414 },
    );
    expect((await t.raw("GET", "/v2/Flows")).status).toBe(200);
  }, 60_000);
});

describe("a state file that cannot be written", () => {
  const dirs: string[] = [];
  const opened: TestEmulator[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((e) => e.emulator.close()));
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function withStateFile() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-state-"));
    dirs.push(dir);
    const file = path.join(dir, "twilio.json");
    const env = await withEmulator({ stateFile: file });
    opened.push(env);
    const createFlow = (name: string) =>
      env.raw("POST", "/v2/Flows", { FriendlyName: name, Status: "published", Definition: definition });
    return { env, dir, file, createFlow };
  }

  const savedFlows = (file: string) =>
    (JSON.parse(fs.readFileSync(file, "utf8")) as { flows: Array<{ sid: string }> }).flows.map((f) => f.sid);

  it("its directory removed while running: the change is refused with a 500 saying so, and not made", async () => {
    const { env, dir, file, createFlow } = await withStateFile();
    const kept = (await createFlow("kept")).json as { sid: string };
    fs.rmSync(dir, { recursive: true });
    const refused = await createFlow("refused");
    expect(refused).toMatchObject({
      status: 500,
      json: {
        code: 20500,
        message: `The emulator cannot write its state file ${file} (ENOENT); the change was NOT applied`,
        status: 500,
      },
    });
    const inbound = await env.raw("POST", "/studiokit/v1/Inbound", {
      From: "+15558675310",
      To: "+15017122661",
    });
    expect(inbound.status).toBe(500);
    expect([...env.emulator.store.flows.keys()]).toEqual([kept.sid]);
    expect(env.emulator.live.executions.size).toBe(0);
    expect(env.emulator.requests.log.at(-1)).toMatchObject({ status: 500, applied: false });
    // Reads still work, and once the directory is back, so do changes: memory and file agree.
    expect((await env.raw("GET", `/v2/Flows/${kept.sid}`)).status).toBe(200);
    fs.mkdirSync(dir);
    const later = (await createFlow("later")).json as { sid: string };
    expect(savedFlows(file)).toEqual([kept.sid, later.sid]);
    expect([...env.emulator.store.flows.keys()]).toEqual([kept.sid, later.sid]);
  });

  it("a save that fails after the change was made rolls the change back", async () => {
    const { env, file, createFlow } = await withStateFile();
    const kept = (await createFlow("kept")).json as { sid: string };
    // The directory stays writable, but the file's name is now taken by a directory: the
    // change is applied in memory, then its save fails at the rename.
    fs.rmSync(file);
    fs.mkdirSync(file);
    fs.writeFileSync(path.join(file, "occupied"), "");
    const update = await env.raw("POST", `/v2/Flows/${kept.sid}`, {
      Status: "draft",
      FriendlyName: "renamed",
    });
    expect(update.status).toBe(500);
    expect((update.json as { message: string }).message).toMatch(/the change was NOT applied$/);
    const flow = env.emulator.store.flows.get(kept.sid)!;
    expect([flow.revisions.length, flow.revisions.at(-1)!.friendly_name]).toEqual([1, "kept"]);
    const deleted = await env.raw("DELETE", `/v2/Flows/${kept.sid}`);
    expect(deleted.status).toBe(500);
    expect([...env.emulator.store.flows.keys()]).toEqual([kept.sid]);
    fs.rmSync(file, { recursive: true });
    expect((await env.raw("DELETE", `/v2/Flows/${kept.sid}`)).status).toBe(204);
    expect(savedFlows(file)).toEqual([]);
  });

  it("a rolled-back save puts back every kind of record: a number's webhook too", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-state-"));
    dirs.push(dir);
    const file = path.join(dir, "twilio.json");
    const env = await withEmulator({ stateFile: file, numbers: ["+15017122661"] });
    opened.push(env);
    const [number] = await env.client.incomingPhoneNumbers.list({ phoneNumber: "+15017122661" });
    fs.rmSync(file);
    fs.mkdirSync(file);
    fs.writeFileSync(path.join(file, "occupied"), "");
    const update = await env.raw(
      "POST",
      `/2010-04-01/Accounts/${env.emulator.store.accountSid}/IncomingPhoneNumbers/${number!.sid}.json`,
      { SmsUrl: "https://example.com/sms" },
    );
    expect(update.status).toBe(500);
    expect(env.emulator.store.incomingPhoneNumbers.get(number!.sid)!.sms_url).toBe("");
  });
});
