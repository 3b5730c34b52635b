import { afterEach, describe, expect, it } from "vitest";
import { compile } from "../../src/compiler";
import { RecentLog, startEmulator, type RetentionOptions } from "../../src/emulator";
import tutorial from "../fixtures/project/flows/do-you-like-bots";
import { withEmulator, type TestEmulator } from "../support/emulator";

// Over a long run the emulator keeps every active execution and a bounded number of ended ones
// (count and age on its clock), dropping the oldest with their steps; a contact's message finds
// its active execution through an index, so ended executions never slow it down.

const number = "+15017122661";
const contact = (i: number) => `+1555867${String(5300 + i)}`;
let t: TestEmulator | undefined;
afterEach(async () => {
  await t?.emulator.close();
  t = undefined;
});

async function tutorialOn(retention?: RetentionOptions) {
  t = await withEmulator(retention ? { retention } : {});
  const flow = await t.client.studio.v2.flows.create({
    friendlyName: "bots",
    status: "published",
    definition: compile(tutorial),
  });
  await t.client.conversations.v1.addressConfigurations.create({
    type: "sms",
    address: number,
    "autoCreation.enabled": true,
    "autoCreation.type": "studio",
    "autoCreation.studioFlowSid": flow.sid,
  });
  const env = t;
  const say = async (from: string, body: string) => {
    const res = await env.raw("POST", "/studiokit/v1/Inbound", { From: from, To: number, Body: body });
    return res.json as {
      executions: Array<{ sid: string; status: string }>;
      replies: Array<{ body: string }>;
    };
  };
  const list = async () => (await env.client.studio.v2.flows(flow.sid).executions.list()).map((e) => e.sid);
  return { env, flowSid: flow.sid, say, list };
}

/** One whole tutorial conversation; the execution's SID. */
async function converse(say: Awaited<ReturnType<typeof tutorialOn>>["say"], from: string): Promise<string> {
  const hi = await say(from, "hi");
  const yes = await say(from, "Yes");
  expect(yes.replies.map((r) => r.body)).toEqual(["🤖"]);
  expect(yes.executions.map((e) => e.status)).toEqual(["ended"]);
  return hi.executions[0]!.sid;
}

describe("ended executions", () => {
  it("beyond the count: the oldest go, with their steps; active ones always stay", async () => {
    const { env, flowSid, say, list } = await tutorialOn({ endedExecutions: 3 });
    const waiting = (await say(contact(99), "hi")).executions[0]!.sid;
    const ended: string[] = [];
    for (let i = 0; i < 5; i++) ended.push(await converse(say, contact(i)));
    // Newest first: the active one, then the three that ended last.
    expect(await list()).toEqual([ended[4], ended[3], ended[2], waiting]);
    expect(env.emulator.live.executions.size).toBe(4);
    const steps = (sid: string) => env.raw("GET", `/v2/Flows/${flowSid}/Executions/${sid}/Steps`);
    expect((await steps(ended[0]!)).status).toBe(404);
    expect((await steps(ended[2]!)).status).toBe(200);
    // The waiting execution still takes its contact's reply.
    expect((await say(contact(99), "No")).executions).toMatchObject([{ sid: waiting, status: "ended" }]);
    expect(await list()).toEqual([ended[4], ended[3], waiting]);
  });

  it("older than the days on the emulator's clock: gone once the clock passes them", async () => {
    const { env, say, list } = await tutorialOn({ days: 1 });
    const old = [await converse(say, contact(1)), await converse(say, contact(2))];
    await env.raw("POST", "/studiokit/v1/Clock", { Advance: "43200" });
    const recent = await converse(say, contact(3));
    expect(await list()).toEqual([recent, ...old.reverse()]);
    await env.raw("POST", "/studiokit/v1/Clock", { Advance: "50000" });
    expect(await list()).toEqual([recent]);
    await env.raw("POST", "/studiokit/v1/Clock", { Advance: "86400" });
    expect(await list()).toEqual([]);
  });

  it("by default: 10,000 and 30 days; a deleted or stopped one is accounted for", async () => {
    const { env, flowSid, say, list } = await tutorialOn();
    expect(env.emulator.live.retention).toEqual({ endedExecutions: 10_000, days: 30 });
    const first = await converse(say, contact(1));
    const active = (await say(contact(2), "hi")).executions[0]!.sid;
    await env.client.studio.v2.flows(flowSid).executions(active).update({ status: "ended" });
    // Stopped: the contact's next message starts a new execution.
    const next = (await say(contact(2), "hi")).executions[0]!;
    expect(next.sid).not.toBe(active);
    await env.client.studio.v2.flows(flowSid).executions(first).remove();
    expect(await list()).toEqual([next.sid, active]);
    await env.raw("POST", "/studiokit/v1/Clock", { Advance: String(30 * 86400 + 1) });
    // The stopped one is past 30 days; the one that was waiting timed out just now.
    expect(await list()).toEqual([next.sid]);
  });

  it("kept compressed once ended, they read back exactly as the engine had them", async () => {
    const { env, flowSid, say } = await tutorialOn();
    const sid = (await say(contact(0), "hi")).executions[0]!.sid;
    const record = env.emulator.live.executions.get(sid)!;
    const engine = record.execution;
    expect(engine.status).toBe("active");
    await say(contact(0), "Yes");
    const archived = record.execution;
    expect(archived).not.toBe(engine);
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    expect([archived.status, archived.context, archived.steps, archived.transcript]).toEqual([
      "ended",
      plain(engine.context),
      plain(engine.steps),
      plain(engine.transcript),
    ]);
    const base = `/v2/Flows/${flowSid}/Executions/${sid}`;
    expect(((await env.raw("GET", `${base}/Context`)).json as { context: unknown }).context).toEqual(
      plain(engine.context),
    );
    const steps = ((await env.raw("GET", `${base}/Steps`)).json as { steps: Array<Record<string, unknown>> })
      .steps;
    expect(steps.map((s) => [s["name"], s["transitioned_to"]])).toEqual(
      engine.steps.map((s) => [s.name, s.transitioned_to]),
    );
    for (const [i, step] of steps.entries()) {
      const context = (await env.raw("GET", `${base}/Steps/${String(step["sid"])}/Context`)).json;
      expect((context as { context: unknown }).context).toEqual(plain(engine.steps[i]!.context));
    }
  });

  it("a bad retention is refused at start with one line", async () => {
    await expect(
      startEmulator({
        accountSid: "AC" + "0".repeat(32),
        authToken: "x",
        retention: { endedExecutions: -1 },
      }),
    ).rejects.toThrow(/^invalid emulator retention\.endedExecutions: Too small: expected number to be >=0$/);
  });
});

describe("a contact's message", () => {
  it("finds its execution through the index: no walk over the executions kept", async () => {
    const { env, say } = await tutorialOn();
    for (let i = 0; i < 3; i++) await converse(say, contact(i));
    const waiting = (await say(contact(3), "hi")).executions[0]!.sid;
    // Walking every execution (the way a message once found its own) now throws.
    const executions = env.emulator.live.executions;
    const walk = () => {
      throw new Error("walked every execution to route one message");
    };
    Object.assign(executions, { values: walk, entries: walk, forEach: walk, [Symbol.iterator]: walk });
    const yes = await say(contact(3), "Yes");
    expect([yes.executions.map((e) => [e.sid, e.status]), yes.replies.map((r) => r.body)]).toEqual([
      [[waiting, "ended"]],
      ["🤖"],
    ]);
    const next = await say(contact(4), "hi");
    expect(next.replies.map((r) => r.body)).toEqual(["Hi, do you like bots?"]);
  });
});

describe("the log of sent messages", () => {
  it("keeps the last `limit` entries in order and answers what came after a count", () => {
    const log = new RecentLog<number>(3);
    expect(log.log).toEqual([]);
    for (let i = 0; i < 2; i++) log.add(i);
    expect(log.log).toEqual([0, 1]);
    for (let i = 2; i < 10; i++) log.add(i);
    expect([log.count, log.log]).toEqual([10, [7, 8, 9]]);
    expect([log.since(8), log.since(10), log.since(0)]).toEqual([[8, 9], [], [7, 8, 9]]);
    log.clear();
    log.add(42);
    expect([log.count, log.log]).toEqual([1, [42]]);
  });
});
