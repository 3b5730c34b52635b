import { propertyDefaults } from "../../definition";
import { evaluateCondition } from "../conditions";
import { type JsonObject, type JsonValue } from "../types";
import { next, type Outcome, type WidgetHandler, type WidgetRun } from "./handler";

/** The trigger emits the event matching how the execution started (read from `trigger.*`). */
export const trigger: WidgetHandler = {
  enter(run) {
    const t = run.context.trigger;
    if ("parent" in t) return next("incomingParent");
    if ("message" in t) return next("incomingMessage");
    if ("conversation" in t) return next("incomingConversationMessage");
    if ("call" in t) return next("incomingCall");
    return next("incomingRequest");
  },
};

/**
 * Split Based On (docs/studio-behaviour.md §4). Each condition tests `arguments[0]` rendered (the split's
 * `input` when absent) against its rendered `value`. `match` transitions are tried in array
 * order and the first whose conditions ALL hold is taken (UNCONFIRMED: order and AND); a `match`
 * transition without conditions never matches (UNCONFIRMED). Otherwise `noMatch`.
 */
export const splitBasedOn: WidgetHandler = {
  enter(run) {
    const inputSource = typeof run.raw("input") === "string" ? (run.raw("input") as string) : "";
    let input: string | undefined;
    const subjectOf = (source: string | undefined): string => {
      if (source === undefined || source === inputSource) return (input ??= run.render(inputSource));
      return run.render(source);
    };
    const transitions = run.state.transitions;
    for (let i = 0; i < transitions.length; i++) {
      const t = transitions[i];
      if (!t || t.event !== "match" || !t.conditions || t.conditions.length === 0) continue;
      const holds = t.conditions.every((c) =>
        evaluateCondition(c.type, subjectOf(c.arguments[0]), run.render(c.value ?? ""), run.warn),
      );
      if (holds) return { type: "next", event: "match", transitionIndex: i };
    }
    return next("noMatch");
  },
};

/**
 * Studio's typing of a Set Variables (or subflow parameter) value: text that is exactly a
 * number's canonical spelling becomes a number ("not quoted become numbers"), text wrapped in
 * double quotes stays a string without them, everything else is a string. Canonical-only keeps
 * `+1555…`, `007` and `1.50` as written (UNCONFIRMED). `type: "number"` forces a number when
 * possible; `parse_as_json: true` or `type: "json"` parses JSON (UNCONFIRMED encoding).
 */
export function typedValue(text: string, item: Readonly<Record<string, unknown>>): JsonValue {
  if (parsesAsJson(item)) return jsonOrText(text);
  const t = text.trim();
  if (item["type"] === "number" && t !== "" && Number.isFinite(Number(t))) return Number(t);
  if (t !== "" && String(Number(t)) === t) return Number(t);
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1);
  return text;
}

/** The "Parse as JSON object" option (its JSON spelling is UNCONFIRMED: both are accepted). */
const parsesAsJson = (item: Readonly<Record<string, unknown>>) =>
  item["parse_as_json"] === true || item["type"] === "json" || item["type"] === "object";

function jsonOrText(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/**
 * A Run Subflow parameter: text, unless "Parse as JSON object" is on ("by default, subflow
 * parameters are parsed as strings", docs:widget-library/set-variables).
 */
export function subflowParameter(text: string, item: Readonly<Record<string, unknown>>): JsonValue {
  return parsesAsJson(item) ? jsonOrText(text) : text;
}

/** Renders and types a `[{ key, value }]` list; every value sees the context before the step. */
const typedPairs = (run: WidgetRun, key: string): JsonObject => run.pairs(key, typedValue);

/**
 * Set Variables writes `flow.variables` only (twilio-ai's `widgets.NAME.<key>` copy is
 * UNCONFIRMED and not written). Values are rendered against the context before the step, so
 * one widget's items do not see each other (variables are set at the end of a step).
 */
export const setVariables: WidgetHandler = {
  enter: (run) => ({ type: "next", event: "next", variables: typedPairs(run, "variables") }),
};

/**
 * Run Subflow: parameters in (text unless parsed as JSON), the subflow's `flow.variables` out as
 * `widgets.NAME.*`. `flow_sid` is literal (Studio does not render Liquid there).
 */
export const runSubflow: WidgetHandler = {
  enter(run): Outcome {
    const flowSid = run.raw("flow_sid");
    if (typeof flowSid !== "string" || flowSid === "") {
      run.warn("81024", `widget "${run.name}" names no subflow (flow_sid)`);
      return next("failed");
    }
    const revision =
      typeof run.raw("flow_revision") === "string"
        ? String(run.raw("flow_revision"))
        : propertyDefaults["run-subflow"].flow_revision;
    const parameters: JsonObject = run.pairs("parameters", subflowParameter);
    run.emit({ kind: "subflow", widget: run.name, flowSid, parameters });
    return { type: "subflow", flowSid, revision, parameters };
  },
  resume(run, input) {
    if (input.type !== "subflowResult") return undefined;
    if (!input.result.ok) {
      run.warn("81024", `widget "${run.name}": ${input.result.error}`);
      return next("failed");
    }
    return next(input.result.event, input.result.variables);
  },
};
