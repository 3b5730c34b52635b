import { describe, expect, it } from "vitest";
import { initialTransition, limitMessages, transition } from "../../src/engine";
import { call, contact, flow, run, sms, start, twilio, widget } from "./helpers";

const counter = (next: string) =>
  widget(
    next === "a" ? "b" : "a",
    "set-variables",
    { next },
    { variables: [{ key: "n", value: "{{flow.variables.n | plus: 1}}" }] },
  );

describe("engine/limits", () => {
  it("ends after 1,000 steps with warning 81000 (the trigger counts as a step)", async () => {
    const d = flow("incomingMessage", "a", counter("b"), counter("a"));
    const e = await run(d, sms());
    expect(e.steps).toHaveLength(1000);
    expect(e.variables).toEqual({ n: 999 });
    expect(e.endReason).toEqual({
      kind: "limit",
      code: "81000",
      widget: "b",
      message: limitMessages["81000"],
    });
    expect(e.transcript).toEqual([
      {
        kind: "warning",
        code: "81000",
        widget: "b",
        message: "Execution has exceeded the maximum of 1000 steps",
      },
    ]);
  });

  it("allows 10 runs of one widget in a row and stops the 11th with 81001", async () => {
    const d = flow(
      "incomingMessage",
      "a",
      widget(
        "a",
        "set-variables",
        { next: "a" },
        { variables: [{ key: "n", value: "{{flow.variables.n | plus: 1}}" }] },
      ),
    );
    const e = await run(d, sms());
    expect(e.variables).toEqual({ n: 10 });
    expect(e.endReason).toEqual({
      kind: "limit",
      code: "81001",
      widget: "a",
      message: "Widget has exceeded max steps in a loop",
    });
    expect(e.warnings).toEqual([
      { kind: "warning", code: "81001", widget: "a", message: "Widget has exceeded max steps in a loop" },
    ]);
  });

  it("counts a Send & Wait that times out back into itself as consecutive runs", async () => {
    const d = flow(
      "incomingMessage",
      "ask",
      widget(
        "ask",
        "send-and-wait-for-reply",
        { incomingMessage: undefined, timeout: "ask" },
        { from: twilio, body: "still there?", timeout: "60" },
      ),
    );
    const e = await run(d, sms());
    await e.wait(60 * 9);
    expect(e.status).toBe("active");
    await e.wait(60);
    expect(e.endReason).toMatchObject({ kind: "limit", code: "81001" });
    expect(e.transcript.filter((t) => t.kind === "send")).toHaveLength(10);
  });

  it("ignores an event with no transition listed: 81002, then the execution ends", async () => {
    const d = flow(
      "incomingMessage",
      "s",
      widget("s", "send-message", { failed: undefined }, { from: twilio, body: "x" }),
    );
    const e = await run(d, sms());
    expect(e.endReason).toEqual({ kind: "noTransition", widget: "s", event: "sent" });
    expect(e.warnings).toEqual([
      {
        kind: "warning",
        code: "81002",
        widget: "s",
        message: 'widget "s" has no transition for event "sent"',
      },
    ]);
  });

  it("logs input after the end as 81002", async () => {
    const d = flow(
      "incomingMessage",
      "s",
      widget("s", "send-message", { sent: undefined }, { from: twilio, body: "x" }),
    );
    const e = await run(d, sms());
    await e.reply("late");
    expect(e.transcript.slice(1)).toEqual([
      { kind: "reply", body: "late" },
      {
        kind: "warning",
        code: "81002",
        message: "the reply arrived after the execution ended; it is ignored",
      },
    ]);
  });

  it("ignores a hangup in a messaging execution (81002)", async () => {
    const d = flow(
      "incomingMessage",
      "ask",
      widget("ask", "send-and-wait-for-reply", { incomingMessage: undefined }, { from: twilio, body: "?" }),
    );
    const e = await run(d, sms());
    await e.hangup();
    expect(e.waitingAt).toBe("ask");
    expect(e.warnings).toEqual([
      {
        kind: "warning",
        code: "81002",
        widget: "ask",
        message: 'the hangup is not an event widget "ask" can take now; it is ignored',
      },
    ]);
    await expect(e.wait(-1)).rejects.toThrow("wait: -1 is not a number of seconds");
  });

  it("ends with an error naming an unknown widget type or a missing widget, never silently", async () => {
    const unknown = flow("incomingMessage", "w", widget("w", "send-telegram", { sent: undefined }, {}));
    const u = await run(unknown, sms());
    expect(u.endReason).toEqual({
      kind: "error",
      widget: "w",
      message: 'widget "w" has type "send-telegram", which studiokit\'s engine cannot simulate',
    });
    expect(u.transcript).toEqual([
      {
        kind: "error",
        widget: "w",
        message: 'widget "w" has type "send-telegram", which studiokit\'s engine cannot simulate',
      },
    ]);
    const dangling = flow("incomingMessage", "ghost");
    expect((await run(dangling, sms())).endReason).toEqual({
      kind: "error",
      widget: "ghost",
      message: 'the flow goes to widget "ghost", which does not exist',
    });
  });

  it("fires consecutive timeouts in time order within one wait", async () => {
    const d = flow(
      "incomingCall",
      "g1",
      widget("g1", "gather-input-on-call", { timeout: "g2" }, { timeout: 5 }),
      widget("g2", "gather-input-on-call", { timeout: "g3" }, { timeout: 5 }),
      widget("g3", "gather-input-on-call", { timeout: undefined }, { timeout: 30 }),
    );
    const e = await run(d, call());
    await e.wait(12);
    expect(e.waitingAt).toBe("g3");
    expect(e.steps.map((s) => [s.transitioned_from, s.name])).toEqual([
      ["Trigger", "incomingCall"],
      ["g1", "timeout"],
      ["g2", "timeout"],
    ]);
    expect(e.snapshot.waiting).toEqual({
      widget: "g3",
      for: "input",
      memo: {},
      timeoutAt: e.snapshot.now + 28_000,
    });
  });
});

describe("engine/transition is pure", () => {
  it("returns effects instead of running them and never mutates the snapshot", () => {
    const d = flow(
      "incomingMessage",
      "s",
      widget("s", "send-message", { sent: undefined, failed: undefined }, { from: twilio, body: "hi" }),
    );
    const first = initialTransition(d, sms(), { executionSid: "FN1", flowSid: "FW1", now: 0 });
    expect(first.effects).toEqual([
      { type: "send", message: { widget: "s", from: twilio, to: contact, body: "hi" } },
    ]);
    expect(first.snapshot.waiting).toMatchObject({ widget: "s", for: "effect" });
    const frozen = JSON.stringify(first.snapshot);
    const second = transition(d, first.snapshot, { type: "sendResult", result: { status: "sent" } });
    expect(JSON.stringify(first.snapshot)).toBe(frozen);
    expect(second.effects).toEqual([]);
    expect(second.snapshot.status).toBe("ended");
    // The same input gives the same output.
    expect(transition(d, first.snapshot, { type: "sendResult", result: { status: "sent" } })).toEqual(second);
  });
});

describe("engine/execution lifetime: 30 days", () => {
  const day = 24 * 3600;
  const ask = (timeout: string, onTimeout?: string) =>
    flow(
      "incomingMessage",
      "ask",
      widget(
        "ask",
        "send-and-wait-for-reply",
        { incomingMessage: undefined, timeout: onTimeout, deliveryFailure: undefined },
        { from: twilio, body: "Still there?", timeout },
      ),
      widget("bye", "send-message", { sent: undefined, failed: undefined }, { from: twilio, body: "bye" }),
    );

  it("ends a waiting execution when its 30 days are up; a later reply is ignored (81002)", async () => {
    const e = await run(ask(String(40 * day)), sms());
    await e.wait(30 * day - 1);
    expect(e.waitingAt).toBe("ask");
    await e.wait(1);
    expect(e.status).toBe("ended");
    expect(e.endReason).toEqual({ kind: "expired", widget: "ask" });
    expect(e.snapshot.now).toBe(start.getTime() + 30 * day * 1000);
    await e.reply("yes");
    expect(e.warnings.map((w) => w.code)).toEqual(["81002"]);
    expect(e.steps).toHaveLength(1);
  });

  it("fires a timer due before the end, and one due at the very end, before ending", async () => {
    const e = await run(ask(String(30 * day), "bye"), sms());
    await e.wait(31 * day);
    expect(e.endReason).toEqual({ kind: "finished", widget: "bye", event: "sent" });
    expect(e.transcript.filter((t) => t.kind === "send").map((t) => t.kind === "send" && t.body)).toEqual([
      "Still there?",
      "bye",
    ]);
  });

  it("counts from the start, across widgets that waited before", async () => {
    const twice = flow(
      "incomingMessage",
      "first",
      widget(
        "first",
        "send-and-wait-for-reply",
        { incomingMessage: "ask", timeout: "ask", deliveryFailure: undefined },
        { from: twilio, body: "1", timeout: String(20 * day) },
      ),
      widget(
        "ask",
        "send-and-wait-for-reply",
        { incomingMessage: undefined, timeout: undefined, deliveryFailure: undefined },
        { from: twilio, body: "2", timeout: String(20 * day) },
      ),
    );
    const e = await run(twice, sms());
    await e.wait(20 * day);
    expect(e.waitingAt).toBe("ask");
    await e.wait(10 * day);
    expect(e.endReason).toEqual({ kind: "expired", widget: "ask" });
  });
});
