import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type FaultOptions } from "../../src/emulator";
import { withEmulator, type TestEmulator } from "../support/emulator";
import { seedFlowPath } from "../support/fixtures";

const definition = fs.readFileSync(seedFlowPath, "utf8");
const opened: TestEmulator[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.emulator.close()));
});

async function emulator(faults?: FaultOptions) {
  const t = await withEmulator(faults ? { faults } : {});
  opened.push(t);
  return t;
}

/** One request; a destroyed connection shows as "dropped". */
async function outcome(t: TestEmulator, method: string, path: string, form?: Record<string, string>) {
  try {
    const res = await t.raw(method, path, form);
    return { status: res.status, retryAfter: res.headers.get("retry-after"), json: res.json };
  } catch {
    return { status: "dropped" as const, retryAfter: null, json: undefined };
  }
}

const all: FaultOptions["kinds"] = ["429", "500", "503", "drop", "slow"];

describe("fault injection", () => {
  it("with a fixed seed, the same requests get the same faults, at about the chosen rate", async () => {
    const run = async () => {
      const t = await emulator({ rate: 0.3, kinds: all, seed: 42, slowMs: 5 });
      for (let i = 0; i < 200; i++) await outcome(t, "GET", "/v2/Flows");
      return t.emulator.requests.log.map((r) => r.fault ?? "none");
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    const counts = Object.fromEntries(["none", ...all].map((k) => [k, first.filter((f) => f === k).length]));
    expect(counts["none"]! + all.reduce((n, k) => n + counts[k]!, 0)).toBe(200);
    const faulted = 200 - counts["none"]!;
    // 200 draws at p = 0.3: mean 60, sd 6.5; the band is ±3 sd.
    expect(faulted).toBeGreaterThanOrEqual(40);
    expect(faulted).toBeLessThanOrEqual(80);
    expect(all.filter((k) => counts[k] === 0)).toEqual([]);
    const third = await (async () => {
      const t = await emulator({ rate: 0.3, kinds: all, seed: 7, slowMs: 5 });
      for (let i = 0; i < 200; i++) await outcome(t, "GET", "/v2/Flows");
      return t.emulator.requests.log.map((r) => r.fault ?? "none");
    })();
    expect(third).not.toEqual(first);
  });

  it("429 carries Retry-After and Twilio's 20429 body; 500 and 503 their own codes; nothing is applied", async () => {
    const t = await emulator({ rate: 1, kinds: ["429"], retryAfterSeconds: 3 });
    const form = { FriendlyName: "x", Status: "draft", Definition: definition };
    expect(await outcome(t, "POST", "/v2/Flows", form)).toEqual({
      status: 429,
      retryAfter: "3",
      json: {
        code: 20429,
        message: "Too Many Requests",
        more_info: "https://www.twilio.com/docs/errors/20429",
        status: 429,
      },
    });
    t.emulator.setFaults({ rate: 1, kinds: ["500"] });
    expect((await outcome(t, "POST", "/v2/Flows", form)).json).toMatchObject({ code: 20500, status: 500 });
    t.emulator.setFaults({ rate: 1, kinds: ["503"] });
    expect((await outcome(t, "POST", "/v2/Flows", form)).json).toMatchObject({ code: 20503, status: 503 });
    expect(t.emulator.store.flows.size).toBe(0);
    t.emulator.setFaults(undefined);
    expect((await outcome(t, "POST", "/v2/Flows", form)).status).toBe(201);
  });

  it("drops mutations before or after applying them, in the configured share (a lost reply)", async () => {
    const form = { FriendlyName: "x", Status: "draft", Definition: definition };
    const t = await emulator({ rate: 1, kinds: ["drop"], dropAfterApplyShare: 1 });
    expect((await outcome(t, "POST", "/v2/Flows", form)).status).toBe("dropped");
    expect(t.emulator.store.flows.size).toBe(1);
    expect(t.emulator.requests.log.map((r) => [r.status, r.fault, r.applied])).toEqual([
      ["dropped", "drop", true],
    ]);
    t.emulator.setFaults({ rate: 1, kinds: ["drop"], dropAfterApplyShare: 0 });
    expect((await outcome(t, "POST", "/v2/Flows", form)).status).toBe("dropped");
    expect(t.emulator.store.flows.size).toBe(1);
    t.emulator.setFaults({ rate: 1, kinds: ["drop"], dropAfterApplyShare: 0.5, seed: 3 });
    for (let i = 0; i < 40; i++) await outcome(t, "POST", "/v2/Flows", form);
    const applied = t.emulator.requests.log.slice(2).filter((r) => r.applied).length;
    expect(t.emulator.store.flows.size).toBe(1 + applied);
    expect(applied).toBeGreaterThan(8);
    expect(applied).toBeLessThan(32);
  });

  it("a sequence tells the first eligible requests' story, in order, before the seeded draws", async () => {
    const form = { FriendlyName: "x", Status: "draft", Definition: definition };
    const t = await emulator({
      rate: 0,
      kinds: ["500"],
      applyTo: "mutations",
      sequence: ["drop", "503", "none", "drop-after-apply"],
    });
    for (let i = 0; i < 5; i++) {
      await outcome(t, "POST", "/v2/Flows", form);
      await outcome(t, "GET", "/v2/Flows");
    }
    const posts = t.emulator.requests.log.filter((r) => r.method === "POST");
    expect(posts.map((r) => [r.status, r.fault ?? "none", r.applied])).toEqual([
      ["dropped", "drop", false],
      [503, "503", false],
      [201, "none", true],
      ["dropped", "drop", true],
      [201, "none", true],
    ]);
    expect(t.emulator.requests.log.filter((r) => r.method === "GET").map((r) => r.status)).toEqual(
      Array(5).fill(200),
    );
    expect(t.emulator.store.flows.size).toBe(3);
  });

  it("slow replies arrive after slowMs; applyTo mutations leaves reads alone", async () => {
    const t = await emulator({ rate: 1, kinds: ["slow"], slowMs: 150 });
    const started = Date.now();
    expect((await outcome(t, "GET", "/v2/Flows")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    t.emulator.setFaults({ rate: 1, kinds: ["500"], applyTo: "mutations" });
    expect((await outcome(t, "GET", "/v2/Flows")).status).toBe(200);
    expect((await outcome(t, "DELETE", `/v2/Flows/FW${"0".repeat(32)}`)).status).toBe(500);
  });

  it("refuses fault options that make no sense, naming the field", async () => {
    await expect(
      startEmulator({
        accountSid: "AC" + "1".repeat(32),
        authToken: "t",
        faults: { rate: 2, kinds: ["500"] },
      }),
    ).rejects.toThrow(/^invalid emulator faults\.rate: /);
    const t = await emulator();
    expect(() => t.emulator.setFaults({ rate: 0.1, kinds: [] })).toThrow(/^invalid emulator faults\.kinds: /);
  });
});
