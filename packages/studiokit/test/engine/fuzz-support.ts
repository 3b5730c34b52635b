/**
 * Generated and mutated flows plus contact/call inputs, shared by the fuzz test (a few
 * hundred runs in `npm test`) and bench/fuzz.ts (≥ 100,000 runs).
 */
import fc from "fast-check";
import {
  conditionTypes,
  parseJsonText,
  studioLimits,
  widgetSpecs,
  widgetTypes,
  type FlowDefinition,
  type State,
  type Transition,
} from "../../src/definition";
import {
  EngineInputError,
  startExecution,
  type Execution,
  type InputEvent,
  type Mocks,
  type TriggerInput,
} from "../../src/engine";
import { formatIssue, validateDefinition } from "../../src/validator";
import { legacyFlowFile, realFlows } from "../support/fixtures";

const names = ["a", "b", "c", "d", "e", "f", "g", "h"];
const templates = [
  "",
  "plain text",
  "{{trigger.message.Body}}",
  "{{widgets.a.inbound.Body}}",
  "{{widgets.b.parsed.x | default: 'none'}}",
  "{{flow.variables.n | plus: 1}}",
  "{% for i in (1..40) %}{{i}}{% endfor %}",
  "{% if flow.variables.n > 2 %}big{% else %}small{% endif %}",
  "{{ 'now' | date: '%H:%M' }}",
  "{{ widgets | to_json }}",
  "{% broken",
  "{{ x | nosuchfilter }}",
  "https://api.example.com/{{flow.data.id}}",
  "https://f.twil.io/fn",
  "{{ 'x' | append: 'y' | upcase | size }}",
  "5",
  "yes, no ,maybe",
  "(a|b)+",
  "[",
  "12:30",
  "2024-02-29",
];
const template = fc.constantFrom(...templates);
const anyValue = fc.oneof(template, fc.integer({ min: -5, max: 100 }), fc.boolean(), fc.constant(null));

const condition = fc.record({
  friendly_name: fc.constant("generated"),
  arguments: fc.oneof(
    fc.constant([] as string[]),
    template.map((t) => [t]),
  ),
  type: fc.constantFrom(...conditionTypes),
  value: template,
});

/** Values Studio exports carry for some keys, so generated widgets often get past their checks. */
const typicalValues: Record<string, unknown[]> = {
  url: ["https://api.example.com/{{flow.data.id}}", "https://f.twil.io/fn", "https://x.twilio.com/v1"],
  method: ["GET", "POST"],
  content_type: ["application/json;charset=utf-8", "application/x-www-form-urlencoded;charset=utf-8"],
  flow_sid: ["FWsub", "FWnone"],
  timeout: [0, 5, "60", 3600],
  body: ["Hello {{contact.channel.address}}", "{{trigger.message.Body}}"],
  attributes: ['{"a":"{{flow.sid}}"}', "not json"],
  record_call: [true, false],
};

function propertiesFor(type: string): fc.Arbitrary<Record<string, unknown>> {
  const keys =
    type in widgetSpecs ? Object.keys(widgetSpecs[type as keyof typeof widgetSpecs].properties.shape) : [];
  const listKeys = ["variables", "parameters", "content_variables", "stream_parameters"];
  const list = fc.array(fc.record({ key: fc.constantFrom("n", "x", "id", "method"), value: template }), {
    maxLength: 3,
  });
  const valueFor = (key: string): fc.Arbitrary<unknown> => {
    if (listKeys.includes(key)) return list;
    const typical = typicalValues[key];
    return typical
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...typical) }, { weight: 1, arbitrary: anyValue })
      : anyValue;
  };
  return fc
    .subarray(keys.filter((k) => k !== "offset"))
    .chain((chosen) =>
      fc
        .tuple(...chosen.map(valueFor))
        .map((values) => Object.fromEntries(chosen.map((k, i) => [k, values[i]]))),
    );
}

const widgetType = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...widgetTypes) },
  { weight: 1, arbitrary: fc.constant("mystery-widget") },
);

function stateArb(name: string, targets: readonly string[]): fc.Arbitrary<State> {
  const next = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...targets) },
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant("missing") },
  );
  return widgetType.chain((type) => {
    const events: readonly string[] =
      type in widgetSpecs ? widgetSpecs[type as keyof typeof widgetSpecs].events : ["done"];
    const transitions = fc
      .tuple(
        fc.oneof(
          { weight: 4, arbitrary: fc.constant([...events]) },
          { weight: 1, arbitrary: fc.subarray([...events]) },
        ),
        fc.array(fc.tuple(next, fc.array(condition, { maxLength: 3 })), {
          maxLength: type === "split-based-on" ? 4 : 0,
        }),
      )
      .chain(([chosen, matches]) =>
        fc.tuple(fc.tuple(...chosen.map(() => next)), fc.constant(chosen), fc.constant(matches)),
      )
      .map(([nexts, chosen, matches]): Transition[] => [
        ...chosen
          .filter((e) => e !== "match")
          .map((event, i) => (nexts[i] ? { event, next: nexts[i] } : { event })),
        ...matches.map(([n, conditions]) =>
          n ? { event: "match", next: n, conditions } : { event: "match", conditions },
        ),
      ]);
    return fc.tuple(transitions, propertiesFor(type)).map(([ts, properties]) => ({
      name,
      type,
      transitions: ts,
      properties,
    }));
  });
}

/** A generated flow: a trigger wired to some widgets, widgets wired to each other at random. */
export const generatedFlow: fc.Arbitrary<FlowDefinition> = fc
  .integer({ min: 1, max: names.length })
  .chain((n) => {
    const used = names.slice(0, n);
    const trigger = fc
      .subarray([
        "incomingMessage",
        "incomingCall",
        "incomingConversationMessage",
        "incomingRequest",
        "incomingParent",
      ])
      .chain((events) =>
        fc.tuple(...events.map(() => fc.constantFrom(...used))).map((targets) => ({ events, targets })),
      )
      .map(({ events, targets }): State => ({
        name: "Trigger",
        type: "trigger",
        transitions: events.map((event, i) => ({ event, next: targets[i]! })),
        properties: {},
      }));
    return fc.tuple(trigger, ...used.map((name) => stateArb(name, used))).map(([t, ...states]) => ({
      initial_state: "Trigger",
      states: [t, ...states],
    }));
  });

const real = realFlows()
  .filter((f) => f.file !== legacyFlowFile)
  .map((f) => f.json as FlowDefinition);

/** A real flow with a few mutations: retargeted transitions, swapped types, dropped properties. */
export const mutatedFlow: fc.Arbitrary<FlowDefinition> = fc
  .tuple(
    fc.constantFrom(...real),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(3), fc.constantFrom(...widgetTypes)), { maxLength: 4 }),
  )
  .map(([flow, mutations]) => {
    const copy = structuredClone(flow);
    for (const [i, j, op, type] of mutations) {
      const state = copy.states[i % copy.states.length]!;
      const other = copy.states[j % copy.states.length]!;
      if (op === 0 && state.transitions.length)
        state.transitions[j % state.transitions.length]!.next = other.name;
      if (op === 1 && state.type !== "trigger") state.type = type;
      if (op === 2) state.properties = {};
      if (op === 3 && state.transitions.length) state.transitions.splice(j % state.transitions.length, 1);
    }
    return copy;
  });

const triggerArb: fc.Arbitrary<TriggerInput> = fc.oneof(
  template.map((body): TriggerInput => ({
    event: "incomingMessage",
    from: "+15558675310",
    to: "+15017122661",
    body,
  })),
  template.map((body): TriggerInput => ({
    event: "incomingConversationMessage",
    from: "+15558675310",
    to: "+15017122661",
    body,
  })),
  fc.constant<TriggerInput>({ event: "incomingCall", from: "+15558675310", to: "+15017122661" }),
  fc.dictionary(fc.constantFrom("id", "n"), template).map((parameters): TriggerInput => ({
    event: "incomingRequest",
    from: "+15017122661",
    to: "+15558675310",
    parameters,
  })),
  fc
    .dictionary(fc.constantFrom("id", "n"), template)
    .map((parameters): TriggerInput => ({ event: "incomingParent", parameters })),
);

const allEvents = [...new Set(widgetTypes.flatMap((t) => [...widgetSpecs[t].events]))];
export type Action = Exclude<InputEvent, { type: "tick" }> | { type: "wait"; seconds: number };
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  template.map((body): Action => ({ type: "reply", body })),
  fc.constantFrom("1", "12#", "").map((digits): Action => ({ type: "press", digits })),
  template.map((text): Action => ({ type: "speak", text, confidence: 0.5 })),
  fc.constant<Action>({ type: "hangup" }),
  fc.constant<Action>({ type: "deliveryFailure" }),
  fc.constantFrom(...allEvents).map((event): Action => ({ type: "callEvent", event })),
  fc.constantFrom(1, 5, 60, 3600, 86_400).map((seconds): Action => ({ type: "wait", seconds })),
);

const body = fc.oneof(
  fc.constant<unknown>({ x: 1, parsed: { y: [1, 2] } }),
  fc.constant<unknown>([1, 2]),
  fc.constant<unknown>("text"),
  fc.constant<unknown>("z".repeat(70_000)),
);
const mocksArb: fc.Arbitrary<Mocks> = fc.record({
  http: fc.array(
    fc.record({
      url: fc.constantFrom("*", "https://api.example.com/*"),
      status: fc.constantFrom(200, 302, 404, 500),
      body,
      delay: fc.constantFrom(0, 11),
    }),
    { maxLength: 2 },
  ),
  functions: fc.array(fc.record({ url: fc.constant("*"), status: fc.constantFrom(200, 400), body }), {
    maxLength: 2,
  }),
  messages: fc.array(
    fc.record({ body: fc.constantFrom("plain", "x"), status: fc.constant("failed" as const) }),
    { maxLength: 1 },
  ),
}) as fc.Arbitrary<Mocks>;

export interface FuzzCase {
  readonly definition: FlowDefinition;
  readonly subflow: FlowDefinition | undefined;
  readonly trigger: TriggerInput;
  readonly actions: readonly Action[];
  readonly mocks: Mocks;
  /** Where the definition's text is cut for the readers' check (a share of its length). */
  readonly cut: number;
}

/** Mostly wires the trigger's event, so most cases get past the Trigger widget. */
function wireTrigger(definition: FlowDefinition, event: string, wire: boolean): FlowDefinition {
  const trigger = definition.states.find((s) => s.name === definition.initial_state);
  const target = definition.states.find((s) => s.type !== "trigger");
  if (!wire || !trigger || !target || trigger.transitions.some((t) => t.event === event && t.next))
    return definition;
  const copy = structuredClone(definition);
  const t = copy.states.find((s) => s.name === copy.initial_state)!;
  t.transitions = [...t.transitions.filter((x) => x.event !== event), { event, next: target.name }];
  return copy;
}

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc
  .record({
    definition: fc.oneof({ weight: 3, arbitrary: generatedFlow }, { weight: 1, arbitrary: mutatedFlow }),
    subflow: fc.option(generatedFlow, { nil: undefined }),
    trigger: triggerArb,
    actions: fc.array(actionArb, { maxLength: 8 }),
    mocks: mocksArb,
    cut: fc.double({ min: 0, max: 1, noNaN: true }),
    wire: fc.boolean().chain((b) => (b ? fc.constant(true) : fc.boolean())),
  })
  .map(({ wire, ...c }) => ({ ...c, definition: wireTrigger(c.definition, c.trigger.event, wire) }));

/** What the bench tallies. */
export interface FuzzFindings {
  ends: Record<string, number>;
  warnings: Record<string, number>;
  inputErrors: number;
  steps: number;
  /** Validator issues on the whole texts, and cut texts the JSON reader refused in one line. */
  validatorIssues: number;
  refusedTexts: number;
}

export function emptyFindings(): FuzzFindings {
  return { ends: {}, warnings: {}, inputErrors: 0, steps: 0, validatorIssues: 0, refusedTexts: 0 };
}

/** Throws (fails the property) when an invariant breaks. */
function checkInvariants(e: Execution): void {
  const s = e.snapshot;
  if (s.steps.length > studioLimits.stepsPerExecution || s.stepCount > studioLimits.stepsPerExecution)
    throw new Error(`more than 1,000 steps (${s.stepCount})`);
  if (s.runsInARow > studioLimits.consecutiveRunsOfOneWidget)
    throw new Error(`${s.runsInARow} runs in a row`);
  if (s.status === "active" && s.waiting?.for !== "input")
    throw new Error(`active but not waiting for input: ${JSON.stringify(s.waiting)}`);
  if (s.status === "ended" && !s.endReason) throw new Error("ended without a reason");
  if (s.endReason?.kind === "error" && s.endReason.internal) throw new Error(s.endReason.message);
}

/** One line, or the property fails: what `validate`, `compile` and the emulator print must be. */
function oneLine(what: string, text: string): void {
  if (text.includes("\n")) throw new Error(`${what} spans lines: ${text}`);
}

/**
 * What `studiokit validate`/`compile` and the local Twilio's `POST /v2/Flows` do with a flow
 * file's text before any run (parseJsonText, then validateDefinition), on the definition's text
 * and on a copy cut short: no throw, and every message one line.
 */
function checkReaders(c: FuzzCase, findings: FuzzFindings): void {
  const text = JSON.stringify(c.definition);
  for (const input of [text, text.slice(0, Math.floor(text.length * c.cut))]) {
    const parsed = parseJsonText(input);
    if (!parsed.ok) {
      if (input === text) throw new Error(`a definition's own JSON was refused: ${parsed.message}`);
      oneLine("a JSON error", parsed.message);
      findings.refusedTexts += 1;
      continue;
    }
    const issues = validateDefinition(parsed.value);
    for (const issue of issues) oneLine("a validator issue", formatIssue(issue));
    findings.validatorIssues += issues.length;
  }
}

/** Runs one case; resolves with nothing, or throws on a broken invariant or uncaught error. */
export async function runCase(c: FuzzCase, findings: FuzzFindings = emptyFindings()): Promise<void> {
  checkReaders(c, findings);
  let e: Execution;
  try {
    e = await startExecution(c.definition, c.trigger, {
      mocks: c.mocks,
      now: new Date("2024-05-01T12:00:00Z"),
      ...(c.subflow ? { subflows: { FWsub: c.subflow } } : {}),
    });
  } catch (error) {
    if (error instanceof EngineInputError && !error.message.includes("\n")) {
      findings.inputErrors += 1;
      return;
    }
    throw error;
  }
  checkInvariants(e);
  for (const action of c.actions) {
    await (action.type === "wait" ? e.wait(action.seconds) : e.dispatch(action));
    checkInvariants(e);
  }
  const end = e.endReason?.kind ?? "waiting";
  findings.ends[end] = (findings.ends[end] ?? 0) + 1;
  findings.steps += e.steps.length;
  for (const w of e.warnings) findings.warnings[w.code] = (findings.warnings[w.code] ?? 0) + 1;
}
