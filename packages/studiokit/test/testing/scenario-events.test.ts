import { describe, expect, it } from "vitest";
import {
  widgetSpecs,
  widgetTypes,
  type State,
  type WidgetEvent,
  type WidgetType,
} from "../../src/definition";
import { describeTransition } from "../../src/testing";
import { callTrigger, contact, reports, scenarioProject, smsTrigger, twilio } from "./scenario-project";

const restTrigger = (parameters = "{}") =>
  `{ event: incomingRequest, from: "${twilio}", to: "${contact}", parameters: ${parameters} }`;
const conversationTrigger = `{ event: incomingConversationMessage, from: "${contact}", to: "${twilio}", body: "hi" }`;
const sub = "FW00000000000000000000000000000001";

/** How one event is reached from a scenario file: the trigger, the steps and mocks, in YAML. */
interface Way {
  readonly trigger: string;
  readonly steps?: readonly string[];
  readonly mocks?: string;
}

/** A widget type under test: its properties, and a way to each of its events. */
interface Recipe<T extends WidgetType> {
  readonly properties: Record<string, unknown>;
  readonly events: { readonly [E in WidgetEvent<T>]: Way };
}

const sms = smsTrigger();
const event = (name: string, trigger = callTrigger): Way => ({ trigger, steps: [`event: ${name}`] });
const events = <E extends string>(names: readonly E[], trigger = callTrigger) =>
  Object.fromEntries(names.map((name) => [name, event(name, trigger)])) as Record<E, Way>;
const http = (status: number) => `{ http: [{ url: "*", status: ${status} }] }`;
const functions = (status: number) => `{ functions: [{ url: "*", status: ${status} }] }`;

/**
 * Every widget type, and for each of its events a scenario that takes it. Keyed by Studio's type
 * and by the definition room's event lists, so a new type or event does not compile until a way
 * to reach it from YAML is written here.
 */
const recipes: { readonly [T in WidgetType]: Recipe<T> } = {
  trigger: {
    properties: {},
    events: {
      incomingMessage: { trigger: sms },
      incomingCall: { trigger: callTrigger },
      incomingConversationMessage: { trigger: conversationTrigger },
      incomingRequest: { trigger: restTrigger() },
      incomingParent: { trigger: "{ event: incomingParent, parameters: { n: 1 } }" },
    },
  },
  "split-based-on": {
    properties: { input: "{{trigger.message.Body}}" },
    events: { match: { trigger: smsTrigger("yes") }, noMatch: { trigger: smsTrigger("no") } },
  },
  "set-variables": {
    properties: { variables: [{ key: "a", value: "1" }] },
    events: { next: { trigger: sms } },
  },
  "make-http-request": {
    properties: { method: "GET", url: "https://api.example.com/x", content_type: "application/json" },
    events: { success: { trigger: sms, mocks: http(200) }, failed: { trigger: sms, mocks: http(500) } },
  },
  "run-function": {
    properties: { url: "https://f.twil.io/x" },
    events: {
      success: { trigger: sms, mocks: functions(204) },
      fail: { trigger: sms, mocks: functions(500) },
    },
  },
  "run-function-v2": {
    properties: { url: "https://f.twil.io/x" },
    events: {
      success: { trigger: sms, mocks: functions(302) },
      fail: { trigger: sms, mocks: functions(404) },
    },
  },
  "run-subflow": {
    properties: { flow_sid: sub, flow_revision: "LatestPublished" },
    events: {
      completed: { trigger: sms, mocks: `{ subflows: [{ flow_sid: ${sub} }] }` },
      failed: { trigger: sms, mocks: `{ subflows: [{ flow_sid: ${sub}, event: failed }] }` },
    },
  },
  "send-message": {
    properties: { body: "hello" },
    events: {
      sent: { trigger: sms },
      failed: { trigger: sms, mocks: "{ messages: [{ status: failed }] }" },
    },
  },
  "send-and-wait-for-reply": {
    properties: { body: "hello?", timeout: "60" },
    events: {
      incomingMessage: { trigger: sms, steps: ["reply: hi"] },
      timeout: { trigger: sms, steps: ["wait: 60"] },
      deliveryFailure: event("deliveryFailure", sms),
    },
  },
  "send-to-auto-pilot": {
    properties: { autopilot_assistant_sid: "UA1", body: "hi", from: twilio, timeout: 60 },
    events: { ...events(["sessionEnded", "failure"], sms), timeout: { trigger: sms, steps: ["wait: 60"] } },
  },
  "start-conversation": {
    properties: { conversation_service_sid: "IS1", participants: [] },
    events: { created: { trigger: restTrigger() }, failed: { trigger: sms } },
  },
  "resume-conversation": {
    properties: { conversation_service_sid: "IS1" },
    events: { resumed: { trigger: restTrigger() }, failed: { trigger: sms } },
  },
  "create-chat-channel": {
    properties: { service: "{{flow.data.service}}" },
    events: { success: { trigger: restTrigger("{ service: IS1 }") }, failed: { trigger: restTrigger() } },
  },
  "add-member-to-chat-channel": {
    properties: { service: "IS1", channel: "CH1", identity: "{{flow.data.who}}" },
    events: { success: { trigger: restTrigger("{ who: ada }") }, failed: { trigger: restTrigger() } },
  },
  "say-play": { properties: { say: "Hello" }, events: { audioComplete: { trigger: callTrigger } } },
  "gather-input-on-call": {
    properties: { say: "Press 1", timeout: 5 },
    events: {
      keypress: { trigger: callTrigger, steps: ["press: '1'"] },
      speech: { trigger: callTrigger, steps: ["speak: sales"] },
      timeout: { trigger: callTrigger, steps: ["wait: 5"] },
    },
  },
  "connect-call-to": {
    properties: { noun: "number", to: "+15005550006", caller_id: "{{contact.channel.address}}" },
    events: {
      callCompleted: {
        trigger: callTrigger,
        steps: ["event: { name: callCompleted, params: { DialCallStatus: busy } }"],
      },
      hangup: { trigger: callTrigger, steps: ["hangup: true"] },
    },
  },
  "record-voicemail": {
    properties: {},
    events: {
      ...events(["recordingComplete", "noAudio"]),
      hangup: { trigger: callTrigger, steps: ["hangup: true"] },
    },
  },
  "record-call": {
    properties: { record_call: true },
    events: { success: { trigger: callTrigger }, failed: { trigger: sms } },
  },
  "enqueue-call": {
    properties: { queue_name: "support" },
    events: events(["callComplete", "failedToEnqueue", "callFailure"]),
  },
  "make-outgoing-call-v1": {
    properties: { from: twilio, to: contact },
    events: events(["answered", "answeredByMachine", "busy", "noAnswer", "failed", "hangup"], restTrigger()),
  },
  "make-outgoing-call-v2": {
    properties: { from: twilio, to: contact },
    events: events(["answered", "busy", "noAnswer", "failed"], restTrigger()),
  },
  "add-twiml-redirect": {
    properties: { url: "https://x.test/twiml", timeout: "600" },
    events: {
      return: { trigger: callTrigger, steps: ["event: { name: return, params: { foo: bar } }"] },
      timeout: { trigger: callTrigger, steps: ["wait: 600"] },
      fail: event("fail"),
    },
  },
  "capture-payments": {
    properties: { payment_amount: "10" },
    events: {
      ...events(["success", "maxFailedAttempts", "providerError", "payInterrupted", "validationError"]),
      hangup: { trigger: callTrigger, steps: ["hangup: true"] },
    },
  },
  "fork-stream": {
    properties: { stream_action: "start", stream_url: "wss://x.test/s" },
    events: { next: { trigger: callTrigger } },
  },
  "run-conversation-relay": {
    properties: { url: "wss://x.test/relay" },
    events: events(["success", "failed"]),
  },
  "send-to-flex": {
    properties: { workflow: "WW1", channel: "TC1", attributes: "{}" },
    events: { callComplete: { trigger: sms }, ...events(["failedToEnqueue", "callFailure"]) },
  },
  "create-task": {
    properties: { workflow: "WW1", attributes: '{"n": {{trigger.message.Body}}}' },
    events: { success: { trigger: smsTrigger("1") }, failed: { trigger: smsTrigger("one") } },
  },
  "update-sync-object": {
    properties: { data: '{"n": {{trigger.message.Body}}}' },
    events: { success: { trigger: smsTrigger("1") }, failed: { trigger: smsTrigger("one") } },
  },
  understand: { properties: {}, events: events(["success", "failed"], sms) },
  "connect-virtual-agent": {
    properties: { connector: "dialogflow" },
    events: { return: event("return"), hangup: { trigger: callTrigger, steps: ["hangup: true"] } },
  },
  "connect-virtual-agent-v2": {
    properties: { connector_name: "cx", timeout: 20 },
    events: {
      ...events(["completed", "live-agent-handoff", "hangup", "failed", "paused"]),
      timeout: { trigger: callTrigger, steps: ["wait: 20"] },
    },
  },
};

/** The widget under test (`w`) with every event going to `after`, which ends the execution. */
function flowFor(type: WidgetType): object {
  const recipe = recipes[type] as Recipe<WidgetType>;
  const eventsOf: readonly string[] = widgetSpecs[type].events;
  const after: State = {
    name: "after",
    type: "set-variables",
    transitions: [{ event: "next" }],
    properties: {},
  };
  const transitions = eventsOf.map((e) =>
    e === "match"
      ? {
          event: e,
          next: "after",
          conditions: [
            { friendly_name: "yes", arguments: ["{{trigger.message.Body}}"], type: "equal_to", value: "yes" },
          ],
        }
      : { event: e, next: "after" },
  );
  if (type === "trigger")
    return {
      initial_state: "Trigger",
      states: [{ name: "Trigger", type, transitions, properties: {} }, after],
    };
  return {
    initial_state: "Trigger",
    states: [
      {
        name: "Trigger",
        type: "trigger",
        transitions: widgetSpecs.trigger.events.map((e) => ({ event: e, next: "w" })),
        properties: {},
      },
      { name: "w", type, transitions, properties: recipe.properties },
      after,
    ],
  };
}

function scenariosFor(type: WidgetType): string {
  const recipe = recipes[type] as Recipe<WidgetType>;
  const lines = [`flow: ./${type}.json`, "scenarios:"];
  for (const [name, way] of Object.entries(recipe.events) as Array<[string, Way]>) {
    lines.push(`  - name: ${name}`, `    trigger: ${way.trigger}`);
    if (way.mocks) lines.push(`    mocks: ${way.mocks}`);
    lines.push("    steps:");
    for (const step of [...(way.steps ?? []), "expect: { ended: true }"]) lines.push(`      - ${step}`);
  }
  return `${lines.join("\n")}\n`;
}

const project = scenarioProject(
  Object.fromEntries(
    widgetTypes.flatMap((type) => [
      [`${type}.json`, flowFor(type)],
      [`${type}.scenarios.yaml`, scenariosFor(type)],
    ]),
  ),
);

describe("scenario files: every event of every widget type can be reached", () => {
  it.each(widgetTypes)("%s: each event is taken by its scenario", async (type) => {
    const run = await project.run(`${type}.scenarios.yaml`);
    expect(reports(run)).toBe("");
    const coverage = run.coverage.find((c) => c.flow === `${type}.json`)!;
    const taken = (event: string) =>
      !coverage.transitions.untaken.some(
        (t) => t.widget === (type === "trigger" ? "Trigger" : "w") && t.event === event,
      );
    expect(widgetSpecs[type].events.filter((e) => !taken(e))).toEqual([]);
    // Exactly the widget's own transitions are left: the trigger's other events.
    expect(
      coverage.transitions.untaken.map(describeTransition).filter((t) => !t.startsWith("Trigger ")),
    ).toEqual([]);
  });

  it("fails an event step the waiting widget cannot take, naming its events", async () => {
    project.write(
      "wrong.scenarios.yaml",
      [
        "flow: ./connect-call-to.json",
        "scenarios:",
        `  - { name: not its event, trigger: ${callTrigger}, steps: [{ event: recordingComplete }] }`,
        "  - name: nothing waits",
        `    trigger: ${callTrigger}`,
        "    steps: [{ hangup: true }, { event: callCompleted }]",
      ].join("\n"),
    );
    project.write(
      "reply-event.scenarios.yaml",
      [
        "flow: ./send-and-wait-for-reply.json",
        "scenarios:",
        `  - { name: a reply is not an event, trigger: ${smsTrigger()}, steps: [{ event: incomingMessage }] }`,
      ].join("\n"),
    );
    const run = await project.run("wrong.scenarios.yaml", "reply-event.scenarios.yaml");
    expect(run.results.map((r) => r.failure?.actual)).toEqual([
      "w (connect-call-to) has no event recordingComplete; its events: callCompleted, hangup",
      "ended",
      "w (send-and-wait-for-reply) takes incomingMessage from the contact, the call or the clock, not as an event: use reply, press, speak, hangup, deliveryFailure or wait",
    ]);
  });
});
