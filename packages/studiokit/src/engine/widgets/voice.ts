import { propertyDefaults, widgetSpecs } from "../../definition";
import { type JsonObject } from "../types";
import { external } from "./external";
import { next, type WidgetHandler, type WidgetRun } from "./handler";

/** Transcript entries for the `say` / `play` / `digits` properties. */
function speakOut(run: WidgetRun): void {
  const say = run.text("say");
  const play = run.text("play");
  const digits = run.text("digits");
  if (say) run.emit({ kind: "say", widget: run.name, text: say });
  if (play) run.emit({ kind: "play", widget: run.name, url: play });
  if (digits) run.emit({ kind: "dtmf", widget: run.name, digits });
}

function voiceOutputs(run: WidgetRun, extra: JsonObject): JsonObject {
  const language = run.text("language");
  const voice = run.text("voice");
  return { ...run.callParams(), ...(language ? { language } : {}), ...(voice ? { voice } : {}), ...extra };
}

/**
 * Say/Play: the simulated caller listens to the end, so `audioComplete` follows at once
 * (a hangup mid-prompt is modelled by hanging up at the next waiting widget).
 */
export const sayPlay: WidgetHandler = {
  enter(run) {
    speakOut(run);
    return next("audioComplete", voiceOutputs(run, {}));
  },
};

const gatherEvents: readonly string[] = widgetSpecs["gather-input-on-call"].events;

/**
 * The digits Gather submits (docs:widget-library/gather-input-call): the finish key (default
 * `#`) is a control key and never submitted, unless "stop gathering on keypress" is off
 * (`stop_gather: false`), when every key counts; with `number_of_digits` the input is submitted
 * once that many keys are pressed, so later keys are not part of it (UNCONFIRMED: what Twilio
 * does with them).
 */
function gatheredDigits(run: WidgetRun, pressed: string): string {
  let digits = pressed;
  if (run.raw("stop_gather") !== false) {
    const finish = run.text("finish_on_key", propertyDefaults["gather-input-on-call"].finish_on_key);
    const at = finish === "" ? -1 : digits.indexOf(finish);
    if (at >= 0) digits = digits.slice(0, at);
  }
  const wanted = run.number("number_of_digits", 0);
  return wanted > 0 ? digits.slice(0, wanted) : digits;
}

/**
 * Gather Input On Call: `press(digits)` → `keypress`, `speak(text)` → `speech`, `timeout`
 * seconds of silence (default 5) → `timeout`.
 */
export const gatherInputOnCall: WidgetHandler = {
  enter(run) {
    speakOut(run);
    return {
      type: "wait",
      timeoutSeconds: run.number("timeout", propertyDefaults["gather-input-on-call"].timeout),
    };
  },
  resume(run, input) {
    switch (input.type) {
      case "press":
        return next("keypress", voiceOutputs(run, { Digits: gatheredDigits(run, input.digits) }));
      case "speak":
        return next(
          "speech",
          voiceOutputs(run, { SpeechResult: input.text, Confidence: String(input.confidence) }),
        );
      case "timeout":
        return next("timeout", voiceOutputs(run, {}));
      case "callEvent":
        return gatherEvents.includes(input.event)
          ? next(input.event, voiceOutputs(run, input.params ?? {}))
          : undefined;
      default:
        return undefined;
    }
  },
};

export const connectCallTo = external("connect-call-to", {
  callParams: true,
  announce: (run) =>
    run.emit({
      kind: "dial",
      widget: run.name,
      noun: String(run.raw("noun") ?? "number"),
      to: run.text("to") || run.text("sip_endpoint"),
    }),
  defaults: (run, event) =>
    event === "callCompleted"
      ? { DialCallStatus: "completed", DialCallSid: run.sid("CA"), DialCallDuration: "0" }
      : {},
});

export const recordVoicemail = external("record-voicemail", {
  callParams: true,
  announce: (run) => run.emit({ kind: "record", widget: run.name, action: "voicemail" }),
  defaults: (run, event) => {
    if (event !== "recordingComplete") return {};
    const sid = run.sid("RE");
    return {
      RecordingSid: sid,
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${String(run.callParams()["AccountSid"] ?? "")}/Recordings/${sid}`,
      RecordingDuration: "0",
    };
  },
});

/**
 * Call Recording starts or stops recording at once. Studio allows it only in incoming-call
 * executions; elsewhere it takes `failed` with a warning.
 */
export const recordCall: WidgetHandler = {
  enter(run) {
    const start = run.raw("record_call") !== false;
    if (!run.isCall) {
      run.warn("record-call", `widget "${run.name}" records calls only, and this execution is not a call`);
      return next("failed");
    }
    run.emit({ kind: "record", widget: run.name, action: start ? "start" : "stop" });
    const callSid = run.callParams()["CallSid"] ?? "";
    return next("success", {
      Sid: run.sid("RE"),
      CallSid: callSid,
      Status: start ? "in-progress" : "stopped",
    });
  },
};

export const enqueueCall = external("enqueue-call", {
  callParams: true,
  announce: (run) =>
    run.emit({
      kind: "enqueue",
      widget: run.name,
      queue: run.text("queue_name") || run.text("workflow_sid"),
    }),
  defaults: (run, event) => ({
    QueueResult:
      event === "callComplete" ? "hangup" : event === "failedToEnqueue" ? "queue-full" : "system-error",
    QueueSid: run.sid("QU"),
    QueueTime: "0",
  }),
});

const outgoingCallOutputs = (run: WidgetRun, event: string): JsonObject => ({
  CallSid: run.sid("CA"),
  CallStatus:
    { answered: "in-progress", answeredByMachine: "in-progress", busy: "busy", noAnswer: "no-answer" }[
      event
    ] ?? (event === "hangup" ? "completed" : "failed"),
  From: run.text("from", propertyDefaults["make-outgoing-call-v2"].from),
  To: run.text("to", propertyDefaults["make-outgoing-call-v2"].to),
  ...(event === "answered"
    ? { AnsweredBy: "human" }
    : event === "answeredByMachine"
      ? { AnsweredBy: "machine_start" }
      : {}),
});

const announceCall = (run: WidgetRun) =>
  run.emit({
    kind: "call",
    widget: run.name,
    from: run.text("from", propertyDefaults["make-outgoing-call-v2"].from),
    to: run.text("to", propertyDefaults["make-outgoing-call-v2"].to),
  });

export const makeOutgoingCallV2 = external("make-outgoing-call-v2", {
  announce: announceCall,
  defaults: outgoingCallOutputs,
});

/** v1's `answeredByMachine` and `hangup` events are UNCONFIRMED (twilio-ai only). */
export const makeOutgoingCallV1 = external("make-outgoing-call-v1", {
  announce: announceCall,
  defaults: outgoingCallOutputs,
});

/**
 * TwiML Redirect: a URL that is not absolute after Liquid takes `fail` at once; otherwise it
 * waits for `callEvent("return", params)` (params become `widgets.NAME.*`), `fail`, or `timeout`
 * seconds (default 14400; "0" means no timer: control is not expected back).
 */
const redirectWait = external("add-twiml-redirect", {
  timeoutSeconds: (run) => {
    const seconds = run.number("timeout", Number(propertyDefaults["add-twiml-redirect"].timeout));
    return seconds > 0 ? seconds : undefined;
  },
});

export const addTwimlRedirect: WidgetHandler = {
  enter(run) {
    const url = run.text("url").trim();
    if (!/^https?:\/\/\S+$/i.test(url)) {
      run.warn("81014", `widget "${run.name}": "${url}" is not an absolute URL after Liquid`);
      return next("fail");
    }
    run.emit({
      kind: "redirect",
      widget: run.name,
      url,
      method: String(run.raw("method") ?? propertyDefaults["add-twiml-redirect"].method),
    });
    return redirectWait.enter(run);
  },
  ...(redirectWait.resume ? { resume: redirectWait.resume } : {}),
};

export const capturePayments = external("capture-payments", {
  callParams: true,
  defaults: (_run, event) => (event === "success" ? { Result: "success" } : {}),
});

export const forkStream: WidgetHandler = {
  enter(run) {
    run.emit({
      kind: "stream",
      widget: run.name,
      action: String(run.raw("stream_action") ?? "start"),
      url: run.text("stream_url") || run.text("stream_connector"),
    });
    return next("next");
  },
};

/** ConversationRelay: events are UNCONFIRMED (twilio-ai only). */
export const runConversationRelay = external("run-conversation-relay", {
  callParams: true,
  announce: (run) => {
    const greeting = run.text("welcome_greeting");
    if (greeting) run.emit({ kind: "say", widget: run.name, text: greeting });
  },
});
