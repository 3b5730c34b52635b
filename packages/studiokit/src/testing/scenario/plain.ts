import { triggerEvents } from "../../definition";
import { mocksSchema, type JsonObject, type JsonValue } from "../../engine";
import {
  compiles,
  expectKeys,
  isWebhookParameter,
  messageEvents,
  requestMatcherSchema,
  scenarioFileSchema,
  scenarioSchema,
  subflowsSchema,
  triggerKeys,
  webhookEvents,
  type EventStep,
  type Expectation,
  type RequestMatcher,
  type Scenario,
  type ScenarioFile,
  type ScenarioTrigger,
  type Step,
  type TextMatcher,
} from "./schema";

/*
 * The scenario file checked without zod, for speed: a file of 10,000 scenarios spent a third
 * of its run in the schema. `plainScenarioFile` gives exactly the data `scenarioFileSchema`
 * gives (same values, same key order), or undefined for anything it is not sure of; the
 * schema then decides, and words the error. It accepts nothing the schema refuses
 * (test/testing/scenario-plain.test.ts checks that on generated files).
 */

/** Returned by the checks below for a value they leave to the schema. */
const no = Symbol("not plain");
type Checked<T> = T | typeof no;
type Plain = Record<string, unknown>;

/** A mapping as js-yaml makes it, or without a prototype (zod's objects take both). */
function isPlain(v: unknown): v is Plain {
  if (typeof v !== "object" || v === null) return false;
  const prototype: unknown = Object.getPrototypeOf(v);
  return prototype === Object.prototype || prototype === null;
}

/** Every key is one of `allowed` and has a value (zod keeps a key given as undefined). */
function keysWithin(v: Plain, allowed: ReadonlySet<string>): boolean {
  for (const key in v) if (!allowed.has(key) || v[key] === undefined) return false;
  return true;
}

const isText = (v: unknown): v is string => typeof v === "string";
const isNonEmptyText = (v: unknown): v is string => typeof v === "string" && v.length > 0;

/**
 * A check that answers once per object: plain-yaml.ts reads every repeat of one flow mapping
 * (the trigger or `expect: { ended: true }` of scenario after scenario) as one shared object,
 * so its checked value is made once and shared too, as read-only as the rest of the data. Most
 * of a large file's garbage, and of the time spent collecting it, was these copies.
 */
function once<T>(check: (v: unknown) => Checked<T>): (v: unknown) => Checked<T> {
  const checked = new WeakMap<object, Checked<T>>();
  return (v) => {
    if (typeof v !== "object" || v === null) return check(v);
    let out = checked.get(v);
    if (out === undefined) checked.set(v, (out = check(v)));
    return out;
  };
}

/** Steps of one kind with the same value, shared (bounded: values are usually few). */
class Shared<K, V> {
  readonly #made = new Map<K, V>();
  get(key: K, make: () => V): V {
    let value = this.#made.get(key);
    if (value === undefined) {
      if (this.#made.size >= 10_000) this.#made.clear();
      this.#made.set(key, (value = make()));
    }
    return value;
  }
}

/** `z.json()`'s value: a copy, as zod makes one. */
function json(v: unknown): Checked<JsonValue> {
  if (typeof v === "string" || typeof v === "boolean" || v === null) return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : no;
  if (Array.isArray(v)) {
    const out: JsonValue[] = [];
    for (const item of v) {
      const copy = json(item);
      if (copy === no) return no;
      out.push(copy);
    }
    return out;
  }
  return record(v);
}

/** A check by a zod schema, for the parts this file leaves to one (mocks, subflows). */
function bySchema<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }) {
  return (v: unknown): Checked<T> => {
    const parsed = schema.safeParse(v);
    return parsed.success ? parsed.data : no;
  };
}

/** The keys a strict object schema allows. */
const keysOf = (schema: { shape: object }) => new Set(Object.keys(schema.shape));

/** `z.record(z.string(), z.json())`. */
function record(v: unknown): Checked<JsonObject> {
  if (!isPlain(v)) return no;
  const out: JsonObject = {};
  for (const key in v) {
    const copy = key === "__proto__" ? no : json(v[key]);
    if (copy === no) return no;
    out[key] = copy;
  }
  return out;
}

/** Copies `v[key]` to `out[key]` when given, checked by `check`; false when the check fails. */
function optional<T extends object, K extends keyof T & string>(
  out: T,
  v: Plain,
  key: K,
  check: (value: unknown) => Checked<NonNullable<T[K]>>,
): boolean {
  if (!(key in v)) return true;
  const checked = check(v[key]);
  if (checked === no) return false;
  out[key] = checked;
  return true;
}

const text = (v: unknown): Checked<string> => (isText(v) ? v : no);
const nonEmptyText = (v: unknown): Checked<string> => (isNonEmptyText(v) ? v : no);

const containsKeys = new Set(["contains"]);
const matchesKeys = new Set(["matches"]);
function textMatcher(v: unknown): Checked<TextMatcher> {
  if (isText(v)) return v;
  if (!isPlain(v)) return no;
  if (keysWithin(v, containsKeys) && isText(v["contains"])) return { contains: v["contains"] };
  const matches = v["matches"];
  if (keysWithin(v, matchesKeys) && isText(matches) && compiles(matches)) return { matches };
  return no;
}

const requestKeys = keysOf(requestMatcherSchema);
function requestMatcher(v: unknown): Checked<RequestMatcher> {
  if (!isPlain(v) || !keysWithin(v, requestKeys)) return no;
  const out: RequestMatcher = {};
  const body = (b: unknown) => (isText(b) ? b : record(b));
  const ok =
    optional(out, v, "url", nonEmptyText) &&
    optional(out, v, "method", nonEmptyText) &&
    optional(out, v, "body", body) &&
    optional(out, v, "params", record);
  return ok ? out : no;
}

/** `v[key]` checked; undefined when not given. */
const field = <T>(v: Plain, key: string, check: (value: unknown) => Checked<T>): Checked<T> | undefined =>
  key in v ? check(v[key]) : undefined;

const expectKeySet = new Set<string>(expectKeys);
const expectation = once(checkExpectation);
function checkExpectation(v: unknown): Checked<Expectation> {
  if (!isPlain(v) || !keysWithin(v, expectKeySet)) return no;
  const send = field(v, "send", textMatcher);
  const say = field(v, "say", textMatcher);
  const widget = field(v, "widget", nonEmptyText);
  const variables = field(v, "variables", record);
  const ended = field(v, "ended", (e) => (typeof e === "boolean" ? e : no));
  const request = field(v, "request", requestMatcher);
  const execution = field(v, "execution", (n) =>
    Number.isSafeInteger(n) && (n as number) >= 1 ? (n as number) : no,
  );
  if ([send, say, widget, variables, ended, request, execution].includes(no)) return no;
  // Named stores in the schema's key order (each site sees one shape: fast).
  const out: Expectation = {};
  if (send !== undefined) out.send = send as TextMatcher;
  if (say !== undefined) out.say = say as TextMatcher;
  if (widget !== undefined) out.widget = widget as string;
  if (variables !== undefined) out.variables = variables as JsonObject;
  if (ended !== undefined) out.ended = ended as boolean;
  if (request !== undefined) out.request = request as RequestMatcher;
  if (execution !== undefined) out.execution = execution as number;
  return Object.keys(out).length > 0 ? out : no;
}

const eventKeys = new Set(["name", "params"]);
function eventStep(v: unknown): Checked<EventStep> {
  if (isNonEmptyText(v)) return v;
  if (!isPlain(v) || !keysWithin(v, eventKeys) || !isNonEmptyText(v["name"])) return no;
  const out: Exclude<EventStep, string> = { name: v["name"] };
  return optional(out, v, "params", record) ? out : no;
}

const isTrue = (t: unknown) => t === true;

const expectSteps = new WeakMap<Expectation, Step>();
const textSteps = {
  reply: new Shared<string, Step>(),
  press: new Shared<string, Step>(),
  speak: new Shared<string, Step>(),
};
const waitSteps = new Shared<number, Step>();

/** One step; the output objects are literals (one shape each, where a computed key would not be). */
function step(v: unknown): Checked<Step> {
  if (!isPlain(v)) return no;
  let key: string | undefined;
  for (const k in v) {
    if (key !== undefined) return no;
    key = k;
  }
  switch (key) {
    case "expect": {
      const expect = expectation(v["expect"]);
      if (expect === no) return no;
      let made = expectSteps.get(expect);
      if (!made) expectSteps.set(expect, (made = { expect }));
      return made;
    }
    case "reply": {
      const reply = v["reply"];
      return isText(reply) ? textSteps.reply.get(reply, () => ({ reply })) : no;
    }
    case "wait": {
      const wait = v["wait"];
      if (typeof wait !== "number" || !Number.isFinite(wait) || wait < 0) return no;
      // -0 is its own value (a Map would give 0's step).
      return Object.is(wait, -0) ? { wait } : waitSteps.get(wait, () => ({ wait }));
    }
    case "press": {
      const press = v["press"];
      return isText(press) ? textSteps.press.get(press, () => ({ press })) : no;
    }
    case "speak": {
      const speak = v["speak"];
      return isText(speak) ? textSteps.speak.get(speak, () => ({ speak })) : no;
    }
    case "hangup":
      return isTrue(v["hangup"]) ? { hangup: true } : no;
    case "deliveryFailure":
      return isTrue(v["deliveryFailure"]) ? { deliveryFailure: true } : no;
    case "event": {
      const event = eventStep(v["event"]);
      return event === no ? no : { event };
    }
    default:
      return no;
  }
}

const eventSet = new Set<string>(triggerEvents);
const triggerKeySet = new Set(triggerKeys);
const trigger = once(checkTrigger);
function checkTrigger(v: unknown): Checked<ScenarioTrigger> {
  if (!isPlain(v)) return no;
  const event = v["event"];
  if (typeof event !== "string" || !eventSet.has(event)) return no;
  const from = field(v, "from", text);
  const to = field(v, "to", text);
  const body = field(v, "body", text);
  const parameters = field(v, "parameters", record);
  if (from === no || to === no || body === no || parameters === no) return no;
  if (event !== "incomingParent" && (from === undefined || to === undefined)) return no;
  const out = { event } as ScenarioTrigger;
  if (from !== undefined) out.from = from;
  if (to !== undefined) out.to = to;
  if (body !== undefined) out.body = body;
  if (parameters !== undefined) out.parameters = parameters;
  if (out.body !== undefined && !messageEvents.includes(out.event)) return no;
  if (out.parameters !== undefined && event !== "incomingRequest" && event !== "incomingParent") return no;
  for (const key in v) {
    if (triggerKeySet.has(key)) continue;
    const value = v[key];
    if (!isWebhookParameter(key) || !webhookEvents.includes(out.event) || !isText(value)) return no;
    out[key] = value;
  }
  return out;
}

const scenarioKeys = keysOf(scenarioSchema);
const mocks = bySchema(mocksSchema);
function scenario(v: unknown): Checked<Scenario> {
  if (!isPlain(v) || !keysWithin(v, scenarioKeys) || !isNonEmptyText(v["name"])) return no;
  const checkedTrigger = trigger(v["trigger"]);
  const written = v["steps"];
  if (checkedTrigger === no || !Array.isArray(written)) return no;
  const checkedMocks = field(v, "mocks", mocks);
  if (checkedMocks === no) return no;
  const steps: Step[] = [];
  for (const s of written) {
    const checked = step(s);
    if (checked === no) return no;
    steps.push(checked);
  }
  const name = v["name"];
  return checkedMocks === undefined
    ? { name, trigger: checkedTrigger, steps }
    : { name, trigger: checkedTrigger, mocks: checkedMocks, steps };
}

const fileKeys = keysOf(scenarioFileSchema);
const subflows = bySchema(subflowsSchema);

/** `scenarioFileSchema`'s data for a file it accepts, or undefined: ask the schema. */
export function plainScenarioFile(v: unknown): ScenarioFile | undefined {
  if (!isPlain(v) || !keysWithin(v, fileKeys) || !isNonEmptyText(v["flow"])) return undefined;
  const out: ScenarioFile = { flow: v["flow"], scenarios: [] };
  if (!optional(out, v, "subflows", subflows)) return undefined;
  if (!optional(out, v, "strict", (s) => (typeof s === "boolean" ? s : no))) return undefined;
  const written = v["scenarios"];
  if (!Array.isArray(written) || written.length === 0) return undefined;
  const names = new Set<string>();
  for (const s of written) {
    const checked = scenario(s);
    if (checked === no || names.has(checked.name)) return undefined;
    names.add(checked.name);
    out.scenarios.push(checked);
  }
  // The schema's key order: flow, subflows, strict, scenarios.
  const { scenarios, ...rest } = out;
  return { ...rest, scenarios };
}
