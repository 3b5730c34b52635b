import { describe, expect, it } from "vitest";
import { type State } from "../../src/definition";
import { call, contact, flow, run, sms, twilio, widget } from "./helpers";

const CA = "CA00000000000000000000000000000001";
const callParams = {
  AccountSid: "AC00000000000000000000000000000000",
  ApiVersion: "2010-04-01",
  CallSid: CA,
  CallStatus: "ringing",
  Called: twilio,
  Caller: contact,
  Direction: "inbound",
  From: contact,
  To: twilio,
};
const sayW = (name: string, text: string, next?: string) =>
  widget(name, "say-play", { audioComplete: next }, { say: text });

const ivr = flow(
  "incomingCall",
  "menu",
  widget(
    "menu",
    "gather-input-on-call",
    { keypress: "pressed", speech: "said", timeout: "silence" },
    { say: "Press 1 or say sales", timeout: 5, voice: "alice" },
  ),
  sayW("pressed", "You pressed {{widgets.menu.Digits}}"),
  sayW("said", "You said {{widgets.menu.SpeechResult}} ({{widgets.menu.Confidence}})"),
  sayW("silence", "Goodbye"),
);
const prompt = { kind: "say", widget: "menu", text: "Press 1 or say sales" };

describe("engine/voice: Say/Play and Gather Input On Call", () => {
  it("takes keypress with the finish key stripped", async () => {
    const e = await run(ivr, call());
    expect(e.waitingAt).toBe("menu");
    await e.press("12#");
    expect(e.transcript).toEqual([
      prompt,
      { kind: "press", digits: "12#" },
      { kind: "say", widget: "pressed", text: "You pressed 12" },
    ]);
    expect(e.context.widgets["menu"]).toEqual({ ...callParams, voice: "alice", Digits: "12" });
    expect(e.context.widgets["pressed"]).toEqual(callParams);
    expect(e.endReason).toEqual({ kind: "finished", widget: "pressed", event: "audioComplete" });
  });

  it.each([
    ["the finish key ends the input: later keys are not gathered", {}, "12#34", "12"],
    ["another finish key", { finish_on_key: "*" }, "5#*9", "5#"],
    ["stop gathering on keypress off: every key counts", { stop_gather: false }, "12#", "12#"],
    ["number_of_digits: submitted once that many keys are pressed", { number_of_digits: 3 }, "12345", "123"],
  ])("Gather's Digits: %s", async (_label, props, pressed, digits) => {
    const d = structuredClone(ivr);
    Object.assign(d.states[1]!.properties, props);
    const e = await run(d, call());
    await e.press(pressed);
    expect(e.context.widgets["menu"]?.["Digits"]).toBe(digits);
  });

  it("takes speech with its confidence", async () => {
    const e = await run(ivr, call());
    await e.speak("Sales.", 0.87);
    expect(e.transcript.at(-1)).toEqual({ kind: "say", widget: "said", text: "You said Sales. (0.87)" });
  });

  it("times out after its timeout seconds of silence", async () => {
    const e = await run(ivr, call());
    await e.wait(4);
    expect(e.waitingAt).toBe("menu");
    await e.wait(1);
    expect(e.transcript.slice(1)).toEqual([
      { kind: "wait", seconds: 4 },
      { kind: "wait", seconds: 1 },
      { kind: "say", widget: "silence", text: "Goodbye" },
    ]);
  });

  it("ends the execution when the caller hangs up at a widget without a hangup event", async () => {
    const e = await run(ivr, call());
    await e.hangup();
    expect(e.endReason).toEqual({ kind: "hangup", widget: "menu" });
    expect(e.transcript).toEqual([prompt, { kind: "hangup" }]);
  });

  it("plays audio and DTMF digits", async () => {
    const d = flow(
      "incomingCall",
      "p",
      widget("p", "say-play", { audioComplete: undefined }, { play: "https://x.test/a.mp3", digits: "1w2" }),
    );
    expect((await run(d, call())).transcript).toEqual([
      { kind: "play", widget: "p", url: "https://x.test/a.mp3" },
      { kind: "dtmf", widget: "p", digits: "1w2" },
    ]);
  });
});

/** One widget under test, each of its events wired to a Say naming the event. */
function single(state: State, trigger = "incomingCall") {
  const outs = state.transitions.map((t) => sayW(`on_${t.event}`, `${t.event}`));
  return flow(
    trigger,
    state.name,
    { ...state, transitions: state.transitions.map((t) => ({ event: t.event, next: `on_${t.event}` })) },
    ...outs,
  );
}
const last = (transcript: readonly unknown[]) => transcript.at(-1);

describe("engine/voice: widgets driven by call events", () => {
  it("connect-call-to dials and waits for callCompleted (defaults) or hangup", async () => {
    const d = single(
      widget(
        "dial",
        "connect-call-to",
        { callCompleted: undefined, hangup: undefined },
        { noun: "number", to: "+15550001111", caller_id: "{{contact.channel.address}}" },
      ),
    );
    const e = await run(d, call());
    expect(e.transcript).toEqual([{ kind: "dial", widget: "dial", noun: "number", to: "+15550001111" }]);
    await e.callEvent("callCompleted", { DialCallStatus: "no-answer" });
    expect(e.context.widgets["dial"]).toEqual({
      ...callParams,
      DialCallStatus: "no-answer",
      DialCallSid: "CA00000000000000000000000000000002",
      DialCallDuration: "0",
    });
    expect(last(e.transcript)).toEqual({ kind: "say", widget: "on_callCompleted", text: "callCompleted" });
    const h = await run(d, call());
    await h.hangup();
    expect(last(h.transcript)).toEqual({ kind: "say", widget: "on_hangup", text: "hangup" });
  });

  it("record-voicemail waits for recordingComplete with a made-up recording", async () => {
    const d = single(
      widget(
        "vm",
        "record-voicemail",
        { recordingComplete: undefined, noAudio: undefined, hangup: undefined },
        { timeout: 5 },
      ),
    );
    const e = await run(d, call());
    await e.callEvent("recordingComplete", { RecordingDuration: "12" });
    expect(e.context.widgets["vm"]).toEqual({
      ...callParams,
      RecordingSid: "RE00000000000000000000000000000002",
      RecordingUrl:
        "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Recordings/RE00000000000000000000000000000002",
      RecordingDuration: "12",
    });
    expect(e.transcript).toEqual([
      { kind: "record", widget: "vm", action: "voicemail" },
      { kind: "callEvent", event: "recordingComplete" },
      { kind: "say", widget: "on_recordingComplete", text: "recordingComplete" },
    ]);
  });

  it("record-call succeeds in a call and fails elsewhere", async () => {
    const d = (trigger: string) =>
      single(
        widget("rec", "record-call", { success: undefined, failed: undefined }, { record_call: true }),
        trigger,
      );
    const e = await run(d("incomingCall"), call());
    expect(e.transcript).toEqual([
      { kind: "record", widget: "rec", action: "start" },
      { kind: "say", widget: "on_success", text: "success" },
    ]);
    const m = await run(d("incomingMessage"), sms());
    expect(m.transcript[0]).toEqual({
      kind: "warning",
      code: "record-call",
      widget: "rec",
      message: 'widget "rec" records calls only, and this execution is not a call',
    });
    expect(last(m.transcript)).toEqual({ kind: "say", widget: "on_failed", text: "failed" });
  });

  it.each([
    [
      "enqueue-call",
      { queue_name: "support" },
      ["callComplete", "failedToEnqueue", "callFailure"],
      { kind: "enqueue", widget: "w", queue: "support" },
    ],
    [
      "make-outgoing-call-v2",
      { from: "{{flow.channel.address}}", to: "+15550002222" },
      ["answered", "busy", "noAnswer", "failed"],
      { kind: "call", widget: "w", from: twilio, to: "+15550002222" },
    ],
    [
      "make-outgoing-call-v1",
      { from: "{{flow.channel.address}}", to: "{{contact.channel.address}}" },
      ["answered", "answeredByMachine", "busy", "noAnswer", "failed", "hangup"],
      { kind: "call", widget: "w", from: twilio, to: contact },
    ],
    [
      "capture-payments",
      { payment_amount: "10" },
      ["success", "maxFailedAttempts", "providerError", "payInterrupted", "hangup", "validationError"],
      undefined,
    ],
    [
      "send-to-flex",
      { workflow: "WW1", channel: "TC1", attributes: '{"name":"{{contact.channel.address}}"}' },
      ["callComplete", "failedToEnqueue", "callFailure"],
      { kind: "flex", widget: "w", workflow: "WW1", attributes: `{"name":"${contact}"}` },
    ],
    ["run-conversation-relay", { url: "wss://x.test/ws" }, ["success", "failed"], undefined],
    ["connect-virtual-agent", { connector: "c" }, ["return", "hangup"], undefined],
  ])("%s waits for one of its events, each reachable", async (type, props, events, announced) => {
    for (const event of events) {
      const d = single(widget("w", type, Object.fromEntries(events.map((ev) => [ev, undefined])), props));
      const e = await run(d, call());
      expect(e.transcript).toEqual(announced ? [announced] : []);
      expect(e.waitingAt).toBe("w");
      await e.callEvent(event);
      expect(last(e.transcript)).toEqual({ kind: "say", widget: `on_${event}`, text: event });
    }
  });

  it("make-outgoing-call writes the call outcome", async () => {
    const d = single(
      widget(
        "w",
        "make-outgoing-call-v2",
        { answered: undefined, busy: undefined, noAnswer: undefined, failed: undefined },
        { from: twilio, to: "+15550002222" },
      ),
      "incomingRequest",
    );
    const e = await run(d, { event: "incomingRequest", from: twilio, to: contact });
    await e.callEvent("busy");
    expect(e.context.widgets["w"]).toEqual({
      CallSid: "CA00000000000000000000000000000001",
      CallStatus: "busy",
      From: twilio,
      To: "+15550002222",
    });
  });

  it("send-to-flex in a messaging execution creates the task at once; bad attributes fail", async () => {
    const ok = single(
      widget(
        "w",
        "send-to-flex",
        { callComplete: undefined, failedToEnqueue: undefined, callFailure: undefined },
        { workflow: "WW1", channel: "TC1", attributes: "{}" },
      ),
      "incomingMessage",
    );
    const e = await run(ok, sms());
    expect(e.context.widgets["w"]).toEqual({
      TaskSid: "WT00000000000000000000000000000002",
      Attributes: "{}",
      Age: 0,
    });
    expect(last(e.transcript)).toEqual({ kind: "say", widget: "on_callComplete", text: "callComplete" });
    const bad = structuredClone(ok);
    bad.states[1]!.properties["attributes"] = '{"name": {{contact.channel.address}}}';
    const b = await run(bad, sms());
    expect(b.warnings).toEqual([
      {
        kind: "warning",
        code: "send-to-flex",
        widget: "w",
        message: `widget "w": attributes are not a JSON object after Liquid: {"name": ${contact}}`,
      },
    ]);
    expect(last(b.transcript)).toEqual({
      kind: "say",
      widget: "on_failedToEnqueue",
      text: "failedToEnqueue",
    });
  });

  it("add-twiml-redirect: return params become outputs, timeout fires, a bad URL fails at once", async () => {
    const d = single(
      widget(
        "w",
        "add-twiml-redirect",
        { return: undefined, timeout: undefined, fail: undefined },
        { url: "https://x.test/twiml", timeout: "30" },
      ),
    );
    const e = await run(d, call());
    expect(e.transcript).toEqual([
      { kind: "redirect", widget: "w", url: "https://x.test/twiml", method: "POST" },
    ]);
    await e.callEvent("return", { choice: "2" });
    expect(e.context.widgets["w"]).toEqual({ choice: "2" });
    const t = await run(d, call());
    await t.wait(30);
    expect(last(t.transcript)).toEqual({ kind: "say", widget: "on_timeout", text: "timeout" });
    const bad = structuredClone(d);
    bad.states[1]!.properties["url"] = "{{flow.variables.nothing}}";
    expect(last((await run(bad, call())).transcript)).toEqual({
      kind: "say",
      widget: "on_fail",
      text: "fail",
    });
  });

  it("fork-stream moves straight on", async () => {
    const d = single(
      widget(
        "w",
        "fork-stream",
        { next: undefined },
        { stream_action: "start", stream_url: "wss://x.test/s" },
      ),
    );
    expect((await run(d, call())).transcript).toEqual([
      { kind: "stream", widget: "w", action: "start", url: "wss://x.test/s" },
      { kind: "say", widget: "on_next", text: "next" },
    ]);
  });

  it("ignores a call event the waiting widget does not have (81002)", async () => {
    const e = await run(ivr, call());
    await e.callEvent("answered");
    expect(e.waitingAt).toBe("menu");
    expect(e.warnings).toEqual([
      {
        kind: "warning",
        code: "81002",
        widget: "menu",
        message: 'the call event "answered" is not an event widget "menu" can take now; it is ignored',
      },
    ]);
  });
});
