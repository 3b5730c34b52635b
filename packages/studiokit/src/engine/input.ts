import { type ExecutionContext, type InputEvent, type JsonObject, type TranscriptEntry } from "./types";

type UserInput = Exclude<InputEvent, { type: "tick" }>;

/** The transcript line for what the contact or the call did (a delivery failure is not heard). */
export function inputEntry(event: UserInput): TranscriptEntry | undefined {
  switch (event.type) {
    case "reply":
      return { kind: "reply", body: event.body };
    case "press":
      return { kind: "press", digits: event.digits };
    case "speak":
      return { kind: "speak", text: event.text };
    case "hangup":
      return { kind: "hangup" };
    case "callEvent":
      return { kind: "callEvent", event: event.event };
    case "deliveryFailure":
      return undefined;
  }
}

export function describeInput(event: UserInput): string {
  return event.type === "callEvent" ? `the call event "${event.event}"` : `the ${event.type}`;
}

/**
 * The context a subflow starts with: the parent's trigger (plus `trigger.parent`), contact and
 * channel (docs:subflows); its own empty `flow.variables` and `widgets`. UNCONFIRMED: that
 * `flow.sid` stays the parent's execution SID and `flow.data` is shared.
 */
export function subflowContext(
  parent: ExecutionContext,
  parentFlowSid: string,
  flowSid: string,
  parameters: JsonObject,
): ExecutionContext {
  return {
    flow: { ...parent.flow, flow_sid: flowSid, variables: {} },
    trigger: {
      ...parent.trigger,
      parent: { parameters, execution_sid: parent.flow.sid, flow_sid: parentFlowSid },
    },
    widgets: {},
    contact: parent.contact,
  };
}
