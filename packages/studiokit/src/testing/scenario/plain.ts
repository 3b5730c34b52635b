import { triggerEvents } from "../../definition";
import { mocksSchema, type JsonObject, type JsonValue } from "../../engine";
import {
  compiles,
  expectKeys,
  isWebhookParameter,
  messageEvents,
  stepKeys,
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

const requestKeys = new Set(["url", "method", "body", "params"]);
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

const expectKeySet = new Set<string>(expectKeys);
function expectation(v: unknown): Checked<Expectation> {
  if (!isPlain(v) || !keysWithin(v, expectKeySet)) return no;
  const out: Expectation = {};
  const ok =
    optional(out, v, "send", textMatcher) &&
    optional(out, v, "say", textMatcher) &&
    optional(out, v, "widget", nonEmptyText) &&
    optional(out, v, "variables", record) &&
    optional(out, v, "ended", (e) => (typeof e === "boolean" ? e : no)) &&
    optional(out, v, "request", requestMatcher) &&
    optional(out, v, "execution", (n) =>
      Number.isSafeInteger(n) && (n as number) >= 1 ? (n as number) : no,
    );
  return ok && Object.keys(out).length > 0 ? out : no;
}

const eventKeys = new Set(["name", "params"]);
function eventStep(v: unknown): Checked<EventStep> {
  if (isNonEmptyText(v)) return v;
  if (!isPlain(v) || !keysWithin(v, eventKeys) || !isNonEmptyText(v["name"])) return no;
  const out: Exclude<EventStep, string> = { name: v["name"] };
  return optional(out, v, "params", record) ? out : no;
}

const stepChecks: Readonly<Record<(typeof stepKeys)[number], (v: unknown) => Checked<Step[keyof Step]>>> = {
  expect: expectation,
  reply: text,
  wait: (n) => (typeof n === "number" && Number.isFinite(n) && n >= 0 ? n : no),
  press: text,
  speak: text,
  hangup: (t) => (t === true ? t : no),
  deliveryFailure: (t) => (t === true ? t : no),
  event: eventStep,
};
const stepKeySet = new Set<string>(stepKeys);
function step(v: unknown): Checked<Step> {
  if (!isPlain(v)) return no;
  const keys = Object.keys(v);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || !stepKeySet.has(key)) return no;
  const checked = stepChecks[key as (typeof stepKeys)[number]](v[key]);
  return checked === no ? no : ({ [key]: checked } as Step);
}

const eventSet = new Set<string>(triggerEvents);
const triggerKeySet = new Set(triggerKeys);
function trigger(v: unknown): Checked<ScenarioTrigger> {
  if (!isPlain(v)) return no;
  const event = v["event"];
  if (typeof event !== "string" || !eventSet.has(event)) return no;
  const out = { event } as ScenarioTrigger;
  const ok =
    optional(out, v, "from", text) &&
    optional(out, v, "to", text) &&
    optional(out, v, "body", text) &&
    optional(out, v, "parameters", record);
  if (!ok || (event !== "incomingParent" && (out.from === undefined || out.to === undefined))) return no;
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

const scenarioKeys = new Set(["name", "trigger", "mocks", "steps"]);
function scenario(v: unknown): Checked<Scenario> {
  if (!isPlain(v) || !keysWithin(v, scenarioKeys) || !isNonEmptyText(v["name"])) return no;
  const checkedTrigger = trigger(v["trigger"]);
  const written = v["steps"];
  if (checkedTrigger === no || !Array.isArray(written)) return no;
  let mocks: Scenario["mocks"];
  if ("mocks" in v) {
    const parsed = mocksSchema.safeParse(v["mocks"]);
    if (!parsed.success) return no;
    mocks = parsed.data;
  }
  const steps: Step[] = [];
  for (const s of written) {
    const checked = step(s);
    if (checked === no) return no;
    steps.push(checked);
  }
  const head = { name: v["name"], trigger: checkedTrigger };
  return mocks === undefined ? { ...head, steps } : { ...head, mocks, steps };
}

const fileKeys = new Set(["flow", "subflows", "strict", "scenarios"]);

/** `scenarioFileSchema`'s data for a file it accepts, or undefined: ask the schema. */
export function plainScenarioFile(v: unknown): ScenarioFile | undefined {
  if (!isPlain(v) || !keysWithin(v, fileKeys) || !isNonEmptyText(v["flow"])) return undefined;
  const out: ScenarioFile = { flow: v["flow"], scenarios: [] };
  const subflows = (s: unknown) => {
    const parsed = subflowsSchema.safeParse(s);
    return parsed.success ? parsed.data : no;
  };
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
