/**
 * The engine's data: the execution context Liquid sees, the transcript, the steps log, the
 * snapshot the pure transition works on, and the events and effects that flow through it.
 * Snapshots and contexts are never mutated once built (each step makes a new object and shares
 * the rest), so steps can keep references to the context they saw instead of deep copies.
 */

/** A JSON-like value (what Studio keeps in its context). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** `flow.*` as docs/studio-behaviour.md §3 lists it. */
export interface FlowContext {
  /** The execution SID (FN…): Studio's `flow.sid` names the execution, not the flow. */
  readonly sid: string;
  /** The flow SID (FW…). */
  readonly flow_sid: string;
  readonly channel: { readonly address: string };
  readonly variables: JsonObject;
  /** REST `Parameters` (incomingRequest only; `{}` otherwise). */
  readonly data: JsonObject;
}

/** The four roots a Liquid template sees (`{{flow.…}}`, `{{trigger.…}}`, `{{widgets.…}}`, `{{contact.…}}`). */
export interface ExecutionContext {
  readonly flow: FlowContext;
  readonly trigger: JsonObject;
  readonly widgets: { readonly [widget: string]: JsonObject };
  readonly contact: { readonly channel: { readonly address: string } };
}

/** What happened, in order, as a person reading the conversation would tell it. */
export type TranscriptEntry =
  | {
      kind: "send";
      widget: string;
      from: string;
      to: string;
      body: string;
      mediaUrl?: string;
      contentSid?: string;
    }
  | { kind: "say"; widget: string; text: string }
  | { kind: "play"; widget: string; url: string }
  | { kind: "dtmf"; widget: string; digits: string }
  | { kind: "reply"; body: string }
  | { kind: "press"; digits: string }
  | { kind: "speak"; text: string }
  | { kind: "hangup" }
  | { kind: "wait"; seconds: number }
  | { kind: "callEvent"; event: string }
  | { kind: "http"; widget: string; method: string; url: string; status?: number }
  | { kind: "function"; widget: string; url: string; status?: number }
  | { kind: "dial"; widget: string; noun: string; to: string }
  | { kind: "call"; widget: string; from: string; to: string }
  | { kind: "enqueue"; widget: string; queue: string }
  | { kind: "flex"; widget: string; workflow: string; attributes: string }
  | { kind: "redirect"; widget: string; url: string; method: string }
  | { kind: "record"; widget: string; action: "voicemail" | "start" | "stop" }
  | { kind: "stream"; widget: string; action: string; url: string }
  | { kind: "subflow"; widget: string; flowSid: string; parameters: JsonObject }
  | { kind: "warning"; code: string; message: string; widget?: string }
  | { kind: "error"; message: string; widget?: string };

export type TranscriptKind = TranscriptEntry["kind"];

/** One entry of Studio's Execution Steps (docs/studio-behaviour.md §6), plus where it ran. */
export interface Step {
  /** The event that moved the execution out of the widget. */
  readonly name: string;
  readonly transitioned_from: string;
  /** The next widget, or `"Ended"` when the transition has no `next`. */
  readonly transitioned_to: string;
  /** The widget type of `transitioned_from`. */
  readonly type: string;
  /** Index in `transitions` of the transition taken (tells two `match` transitions apart). */
  readonly transition_index: number;
  /** The flow the widget belongs to (differs from the execution's flow inside a subflow). */
  readonly flow_sid: string;
  /** The execution context once the widget's step ended (shared, never mutated). */
  readonly context: ExecutionContext;
}

export type EndReason =
  /** A transition without `next` (the normal end). */
  | { kind: "finished"; widget: string; event: string }
  /** 81000 (1,000 steps) or 81001 (10 runs of one widget in a row). */
  | { kind: "limit"; code: "81000" | "81001"; widget: string; message: string }
  /** The widget emitted an event its `transitions` do not list (81002); UNCONFIRMED that Studio ends here. */
  | { kind: "noTransition"; widget: string; event: string }
  /**
   * Studio's execution lifetime (30 days, `studioLimits.executionLifetimeDays`) ran out while
   * `widget` waited; Studio shows the execution as ended.
   */
  | { kind: "expired"; widget: string }
  /** The caller hung up while no widget was waiting for a hangup. */
  | { kind: "hangup"; widget?: string }
  /**
   * The flow cannot run here: unknown widget type, missing widget… `internal` marks an engine bug
   * (a handler threw), which the fuzz test asserts never happens.
   */
  | { kind: "error"; widget?: string; message: string; internal?: true };

/** Where the execution is parked. */
export interface Waiting {
  readonly widget: string;
  /** `input`: waiting for the contact, the call or the clock; `effect`: for an adapter's answer. */
  readonly for: "input" | "effect";
  /** Simulated time (ms) at which the widget's timeout fires, if it has one. */
  readonly timeoutAt: number | undefined;
  /** What the widget remembers between entering and resuming (e.g. the message it sent). */
  readonly memo: JsonObject;
}

/** The subflow frame's return address (one nesting level). */
export interface ParentFrame {
  readonly flowSid: string;
  readonly widget: string;
  readonly context: ExecutionContext;
}

export interface Snapshot {
  readonly status: "active" | "ended";
  readonly executionSid: string;
  /** The flow whose widgets run now (the subflow's SID inside a subflow). */
  readonly flowSid: string;
  readonly context: ExecutionContext;
  readonly parent: ParentFrame | undefined;
  /** Absent once ended; while active, where the execution is parked. */
  readonly waiting: Waiting | undefined;
  readonly endReason: EndReason | undefined;
  /** Simulated time in ms since the epoch. */
  readonly now: number;
  /** When the execution started (simulated ms): it ends 30 days later. */
  readonly startedAt: number;
  /** The time the clock has been moved to; timers due by then fire once no adapter is awaited. */
  readonly clockTarget: number;
  readonly stepCount: number;
  /** `${flowSid}/${widget}` of the last widget entered, and how many times in a row. */
  readonly lastWidget: string;
  readonly runsInARow: number;
  /** Counter for the SIDs the engine makes up (SM…, CA…), so runs are reproducible. */
  readonly serial: number;
  readonly steps: readonly Step[];
  readonly transcript: readonly TranscriptEntry[];
}

/** What the contact, the call or the clock does. */
export type InputEvent =
  | { type: "reply"; body: string; extra?: JsonObject }
  | { type: "press"; digits: string }
  | { type: "speak"; text: string; confidence: number }
  | { type: "hangup" }
  | { type: "deliveryFailure" }
  | { type: "callEvent"; event: string; params?: JsonObject }
  /** Time moved to `now` (ms); timeouts due by then fire in order. `seconds` logs a wait. */
  | { type: "tick"; now: number; seconds?: number };

/** An adapter's answer to an effect, fed back as an event. */
export type ResultEvent =
  | { type: "sendResult"; result: SendResult }
  | { type: "httpResult"; result: HttpResult }
  | { type: "functionResult"; result: HttpResult }
  | { type: "subflowResult"; result: SubflowResult };

export type EngineEvent = InputEvent | ResultEvent;

/** A message the flow sends (Send Message, Send & Wait For Reply). */
export interface OutboundMessage {
  readonly widget: string;
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly mediaUrl?: string;
  readonly contentSid?: string;
}

export type SendResult = { status: "sent" } | { status: "failed"; code: number; message: string };

export interface HttpRequest {
  readonly widget: string;
  readonly method: string;
  /** Final URL (GET parameters already in the query string). */
  readonly url: string;
  readonly contentType: string;
  readonly body?: string;
  /** The rendered `parameters` (also encoded into `url` or `body` as Studio does). */
  readonly parameters: Readonly<Record<string, string>>;
}

export interface FunctionRequest {
  readonly widget: string;
  readonly url: string;
  readonly parameters: Readonly<Record<string, string>>;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** How long the call took; over 10,000 the widget fails as Studio's timeout. */
  readonly durationMs?: number;
}

/** A response, or why there is none (the widget fails and the reason becomes a warning). */
export type HttpResult = { ok: true; response: HttpResponse } | { ok: false; error: string };

export interface SubflowRequest {
  readonly widget: string;
  readonly flowSid: string;
  readonly revision: string;
  readonly parameters: JsonObject;
}

export type SubflowResult =
  { ok: true; event: "completed" | "failed"; variables: JsonObject } | { ok: false; error: string };

export type Effect =
  | { type: "send"; message: OutboundMessage }
  | { type: "http"; request: HttpRequest }
  | { type: "function"; request: FunctionRequest }
  | { type: "subflow"; request: SubflowRequest };

export interface TransitionResult {
  readonly snapshot: Snapshot;
  readonly effects: readonly Effect[];
}
