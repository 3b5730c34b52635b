import http from "node:http";
import { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { providerImplementations } from "../../src/providers";
import { validateDefinition } from "../../src/validator";
import { accountSid, authToken, withEmulator, type TestEmulator } from "../support/emulator";

// Retries and Twilio's own validation, run in-process against local servers: 429 honours
// Retry-After, every retry is bounded, and FlowValidate's 81022 becomes check failures naming
// the widget.

let env: TestEmulator;
const flows = providerImplementations.studioFlow;
const conversations = providerImplementations.conversation;

function configure(
  provider: {
    configure(req: {
      config: { get(k: string): string | undefined; require(k: string): string };
    }): Promise<void>;
  },
  base: string,
) {
  const values: Record<string, string> = {
    "twilio:accountSid": accountSid,
    "twilio:authToken": authToken,
    "twilio:apiBaseUrl": base,
  };
  return provider.configure({ config: { get: (k) => values[k], require: (k) => values[k]! } });
}

beforeAll(async () => {
  env = await withEmulator();
  await configure(flows, env.emulator.url);
  await configure(conversations, env.emulator.url);
});
afterAll(async () => {
  await env?.emulator.close();
});

const statuses = () => env.emulator.requests.log.map((r) => r.status);

describe("429", () => {
  test("is resent after the Retry-After Twilio asked for, for a POST too (Twilio did not process it)", async () => {
    env.emulator.requests.clear();
    // Exactly the first request gets the 429 (a timer clearing the faults raced a loaded machine).
    env.emulator.setFaults({ rate: 0, kinds: ["429"], retryAfterSeconds: 1, sequence: ["429"] });
    const started = Date.now();
    const created = await conversations.create({ uniqueName: "after-429" });
    env.emulator.setFaults(undefined);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(statuses()).toEqual([429, 201]);
    expect(env.emulator.store.conversations.get(created.id)?.unique_name).toBe("after-429");
  });

  test("gives up after a bounded number of tries with Twilio's code in the message", async () => {
    env.emulator.requests.clear();
    env.emulator.setFaults({ rate: 1, kinds: ["429"], retryAfterSeconds: 0 });
    try {
      await expect(conversations.read!("CH" + "0".repeat(32), undefined)).rejects.toThrow(
        `fetch conversation CH${"0".repeat(32)}: Too Many Requests (HTTP 429, Twilio error 20429)`,
      );
    } finally {
      env.emulator.setFaults(undefined);
    }
    expect(statuses()).toEqual(Array(8).fill(429));
  });
});

test("5xx on a GET: retried by the transport, bounded", async () => {
  env.emulator.requests.clear();
  env.emulator.setFaults({ rate: 1, kinds: ["503"] });
  try {
    await expect(conversations.read!("CH" + "1".repeat(32), undefined)).rejects.toThrow(/HTTP 503/);
  } finally {
    env.emulator.setFaults(undefined);
  }
  expect(statuses()).toEqual(Array(6).fill(503));
});

test("the pauses between retries grow from the first step STUDIOKIT_RETRY_DELAY_MS sets (tests: 1 ms)", async () => {
  // 20 ms: pauses of 10–20, 20–40, 40–80, 80–160 and 100–200 ms (capped at ten first steps).
  const before = process.env["STUDIOKIT_RETRY_DELAY_MS"];
  process.env["STUDIOKIT_RETRY_DELAY_MS"] = "20";
  env.emulator.requests.clear();
  env.emulator.setFaults({ rate: 1, kinds: ["503"] });
  const started = Date.now();
  try {
    await expect(conversations.read!("CH" + "2".repeat(32), undefined)).rejects.toThrow(/HTTP 503/);
  } finally {
    env.emulator.setFaults(undefined);
    if (before === undefined) delete process.env["STUDIOKIT_RETRY_DELAY_MS"];
    else process.env["STUDIOKIT_RETRY_DELAY_MS"] = before;
  }
  const elapsed = Date.now() - started;
  expect(statuses()).toEqual(Array(6).fill(503));
  expect(elapsed).toBeGreaterThanOrEqual(250);
  expect(elapsed).toBeLessThan(5000);
});

describe("Twilio's FlowValidate in check", () => {
  let server: http.Server;
  let base = "";
  const received: string[] = [];
  beforeAll(async () => {
    // A Twilio that rejects every definition as Studio does: 400, code 81022, problems in details.
    server = http.createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      res.writeHead(400, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({
          code: 81022,
          message: "Invalid Flow Definition",
          more_info: "https://www.twilio.com/docs/errors/81022",
          status: 400,
          details: {
            errors: [
              {
                message: "Start Conversation can only be used in flows triggered by the REST API",
                property_path: "#/states/1",
              },
              { message: "is missing but it is required", property_path: "#/initial_state" },
            ],
          },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Studio refuses Start Conversation outside REST-triggered flows; studiokit's validator lets it
  // through, so the first definition passes locally and only the (stubbed) Twilio answer rejects it.
  const oneWidget = (type: string, properties: Record<string, unknown>) => ({
    initial_state: "Trigger",
    states: [
      {
        name: "Trigger",
        type: "trigger",
        transitions: [{ event: "incomingMessage", next: "sub" }],
        properties: {},
      },
      { name: "sub", type, transitions: [], properties },
    ],
  });
  const checkWithTwilio = async (definition: unknown) => {
    const isolated = { ...flows, connectionConfig: undefined };
    await configure(isolated, base);
    received.length = 0;
    return isolated.check!({} as never, { friendlyName: "v", definition, validateWithTwilio: true } as never);
  };

  test("each of Twilio's problems becomes a check failure naming its widget", async () => {
    const definition = oneWidget("start-conversation", {
      conversation_service_sid: "IS00000000000000000000000000000000",
      participants: [],
    });
    expect(validateDefinition(definition).filter((issue) => issue.severity === "error")).toEqual([]);
    const result = await checkWithTwilio(definition);
    expect(received).toEqual(["POST /v2/Flows/Validate"]);
    expect(result).toEqual({
      failures: [
        {
          property: "definition",
          reason:
            'Twilio FlowValidate: widget "sub" (#/states/1): Start Conversation can only be used in flows triggered by the REST API',
        },
        {
          property: "definition",
          reason: "Twilio FlowValidate: #/initial_state: is missing but it is required",
        },
      ],
    });
  });

  test("studiokit's validator answers first: its errors fail check without a call to Twilio", async () => {
    // Liquid in flow_sid, which Twilio refuses ("must be a valid, non-liquid flow sid"), studiokit
    // refuses too.
    const result = await checkWithTwilio(oneWidget("run-subflow", { flow_sid: "{{flow.data.sid}}" }));
    expect(received).toEqual([]);
    expect(result).toEqual({
      failures: [
        {
          property: "definition",
          reason:
            'widget "sub" (states[1].properties.flow_revision): "flow_revision" is required by Run Subflow',
        },
        {
          property: "definition",
          reason:
            'widget "sub" (states[1].properties.flow_sid): "flow_sid" holds Liquid, but Studio does not render Liquid here and needs the Subflow\'s SID (FW…) written out; write the SID, and pass values to the Subflow in "parameters"',
        },
      ],
    });
  });
});
