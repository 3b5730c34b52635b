import { type OutputShape } from "./output-shape";

/**
 * The execution context a Liquid template sees (docs/studio-behaviour.md §3): four roots, and the key under
 * `trigger` that each trigger event fills.
 */
export const contextRoots = ["flow", "trigger", "widgets", "contact"] as const;
export type ContextRoot = (typeof contextRoots)[number];

export const triggerContextKeys = {
  incomingMessage: "message",
  incomingCall: "call",
  incomingConversationMessage: "conversation",
  incomingRequest: "request",
  incomingParent: "parent",
} as const;
export type TriggerEvent = keyof typeof triggerContextKeys;
/** The trigger's events, in Studio's order. */
export const triggerEvents = Object.keys(triggerContextKeys) as [TriggerEvent, ...TriggerEvent[]];
export const isTriggerEvent = (event: string): event is TriggerEvent =>
  Object.hasOwn(triggerContextKeys, event);

/** Studio's published limits (docs/studio-behaviour.md §7). */
export const studioLimits = {
  statesPerFlow: 1000,
  stepsPerExecution: 1000,
  consecutiveRunsOfOneWidget: 10,
  liquidRenderedBytes: 16 * 1024,
  liquidLoopIterations: 15,
  httpTimeoutMs: 10_000,
  httpResponseBytes: 64 * 1024,
  /**
   * Redirects Make HTTP Request follows before it fails. Twilio says only that 3xx redirection
   * is supported; 10 is studiokit's choice, Go's HTTP client's default (UNCONFIRMED).
   */
  httpRedirects: 10,
  executionLifetimeDays: 30,
} as const;

const callFields = {
  AccountSid: "value",
  ApiVersion: "value",
  Called: "value",
  Caller: "value",
  CallStatus: "value",
  CallSid: "value",
  Direction: "value",
  From: "value",
  To: "value",
  FromCity: "value",
  FromCountry: "value",
  FromState: "value",
  FromZip: "value",
  ToCity: "value",
  ToCountry: "value",
  ToState: "value",
  ToZip: "value",
} as const;

/**
 * What the `trigger`, `flow` and `contact` roots hold (docs/studio-behaviour.md §3), in the shape
 * widget specs use for their outputs: the builder types its references with it, codegen emits typed
 * references only where it knows the key.
 */
export const contextShapes = {
  trigger: {
    message: {
      AccountSid: "value",
      Body: "value",
      From: "value",
      FromCity: "value",
      FromCountry: "value",
      FromState: "value",
      FromZip: "value",
      MessageSid: "value",
      MessagingServiceSid: "value",
      NumMedia: "value",
      MediaUrl0: "value",
      To: "value",
      ToCity: "value",
      ToCountry: "value",
      ToState: "value",
      ToZip: "value",
      ChannelSid: "value",
      InstanceSid: "value",
      ChannelAttributes: "open",
    },
    call: callFields,
    conversation: {
      AccountSid: "value",
      Author: "value",
      Body: "value",
      ChannelSid: "value",
      ConversationSid: "value",
      DateCreated: "value",
      From: "value",
      MessageSid: "value",
      MessagingServiceSid: "value",
      ParticipantSid: "value",
      ChannelAttributes: "open",
    },
    request: { parameters: "open", from: "value", to: "value" },
    parent: {
      parameters: "open",
      step_sid: "value",
      execution_sid: "value",
      flow_sid: "value",
      trigger_type: "value",
    },
  },
  flow: {
    /** Values written by Set Variables. */
    variables: "open",
    /** The REST API execution's `Parameters`. */
    data: "open",
    /** The Twilio side of the conversation: the inbound `To`, or the REST `From`. */
    channel: { address: "value" },
    /** The execution SID (FN…). */
    sid: "value",
    /** The flow SID (FW…). */
    flow_sid: "value",
  },
  contact: { channel: { address: "value" } },
} as const satisfies Record<Exclude<ContextRoot, "widgets">, OutputShape>;
