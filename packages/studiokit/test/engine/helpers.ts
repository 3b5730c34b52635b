import { type FlowDefinition, type State } from "../../src/definition";
import { startExecution, type ExecutionOptions, type TriggerInput } from "../../src/engine";

/** `{ sent: "next_widget", failed: undefined }` → Studio's transitions array. */
export type Wiring = Record<string, string | undefined>;

export function widget(
  name: string,
  type: string,
  wiring: Wiring,
  properties: Record<string, unknown> = {},
): State {
  return {
    name,
    type,
    transitions: Object.entries(wiring).map(([event, next]) => (next ? { event, next } : { event })),
    properties,
  };
}

/** A flow whose trigger sends `event` to `first`. */
export function flow(event: string, first: string, ...states: State[]): FlowDefinition {
  return {
    description: "test flow",
    initial_state: "Trigger",
    states: [widget("Trigger", "trigger", { [event]: first }), ...states],
    flags: { allow_concurrent_calls: true },
  };
}

export const contact = "+15558675310";
export const twilio = "+15017122661";
export const start = new Date("2024-01-15T17:00:00Z");

export const sms = (body = "hi"): TriggerInput => ({
  event: "incomingMessage",
  from: contact,
  to: twilio,
  body,
});
export const call = (): TriggerInput => ({ event: "incomingCall", from: contact, to: twilio });

/** Starts with reproducible SIDs and time. */
export function run(definition: FlowDefinition, trigger: TriggerInput, options: ExecutionOptions = {}) {
  return startExecution(definition, trigger, {
    executionSid: "FN00000000000000000000000000000001",
    flowSid: "FW00000000000000000000000000000001",
    now: start,
    ...options,
  });
}
