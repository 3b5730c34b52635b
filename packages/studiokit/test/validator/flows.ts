/** Small hand-written definitions for validator tests; inputs are plain JSON, as the validator sees them. */

export interface TestState {
  name: string;
  type: string;
  transitions: Array<{ event: string; next?: string; conditions?: unknown[] }>;
  properties: Record<string, unknown>;
}

/** A trigger whose incomingMessage goes to `next`, other events unwired. */
export function trigger(next?: string, name = "Trigger"): TestState {
  return {
    name,
    type: "trigger",
    transitions: [
      next === undefined ? { event: "incomingMessage" } : { event: "incomingMessage", next },
      { event: "incomingCall" },
      { event: "incomingRequest" },
    ],
    properties: { offset: { x: 0, y: 0 } },
  };
}

export function sendMessage(name: string, body = "Hello", next?: string): TestState {
  return {
    name,
    type: "send-message",
    transitions: [next === undefined ? { event: "sent" } : { event: "sent", next }, { event: "failed" }],
    properties: { from: "{{flow.channel.address}}", to: "{{contact.channel.address}}", body },
  };
}

export function ask(name: string, next?: string, properties: Record<string, unknown> = {}): TestState {
  return {
    name,
    type: "send-and-wait-for-reply",
    transitions: [
      next === undefined ? { event: "incomingMessage" } : { event: "incomingMessage", next },
      { event: "timeout" },
      { event: "deliveryFailure" },
    ],
    properties: { from: "{{flow.channel.address}}", body: "Your name?", timeout: "3600", ...properties },
  };
}

export function split(
  name: string,
  input: string,
  matches: Array<{ next: string; type: string; value?: string }>,
): TestState {
  return {
    name,
    type: "split-based-on",
    transitions: [
      { event: "noMatch" },
      ...matches.map((m) => ({
        event: "match",
        next: m.next,
        conditions: [
          {
            friendly_name: `If value ${m.type} ${m.value ?? ""}`.trim(),
            arguments: [input],
            type: m.type,
            ...(m.value === undefined ? {} : { value: m.value }),
          },
        ],
      })),
    ],
    properties: { input },
  };
}

export function definition(...states: TestState[]) {
  return {
    description: "test flow",
    states,
    initial_state: "Trigger",
    flags: { allow_concurrent_calls: true },
  };
}
