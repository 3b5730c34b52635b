/**
 * The execution context a Liquid template sees (studio.md §3): four roots, and the key under
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

/** Studio's published limits (studio.md §6.2). */
export const studioLimits = {
  statesPerFlow: 1000,
  stepsPerExecution: 1000,
  consecutiveRunsOfOneWidget: 10,
  liquidRenderedBytes: 16 * 1024,
  liquidLoopIterations: 15,
  httpTimeoutMs: 10_000,
  httpResponseBytes: 64 * 1024,
  executionLifetimeDays: 30,
} as const;
