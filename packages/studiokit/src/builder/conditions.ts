import { hasLiquid } from "../definition";
import { type Condition, type ConditionType } from "../definition/types";
import { renderText, type Text } from "./ref";

/**
 * One Split Based On test, before it knows the split's input. `.named()` sets the Studio
 * `friendly_name` (default `If value <type> <value>`, as the console writes it).
 */
export interface SplitCondition {
  readonly type: ConditionType;
  readonly value: string;
  readonly friendlyName: string | undefined;
  named(friendlyName: string): SplitCondition;
  /** Set by `rawCondition`: the condition is written exactly as given. */
  readonly raw?: Condition;
  /**
   * Why the value makes no sense (a regex JavaScript cannot compile, a date that is not one):
   * `.when()` throws it, naming the split it was given to.
   */
  readonly problem?: string;
}

function condition(
  type: ConditionType,
  value: string,
  friendlyName?: string,
  problem?: string,
): SplitCondition {
  return {
    type,
    value,
    friendlyName,
    named: (name) => condition(type, value, name, problem),
    ...(problem === undefined ? {} : { problem: `${type}: ${problem}` }),
  };
}

/**
 * Escape hatch: a condition written exactly as given, Studio's keys and all, for an imported one the
 * typed helpers cannot reproduce (`arguments` other than the split's input, no `value`, a regex
 * JavaScript rejects). Nothing is checked.
 */
export function rawCondition(condition: Condition): SplitCondition {
  const copy = structuredClone(condition);
  return {
    type: copy.type,
    value: copy.value ?? "",
    friendlyName: copy.friendly_name,
    named: (name) => rawCondition({ ...copy, friendly_name: name }),
    raw: copy,
  };
}

/** Studio's condition object for a split whose input is `input`. */
export function renderCondition(c: SplitCondition, input: string): Condition {
  if (c.raw) return structuredClone(c.raw);
  return {
    friendly_name: c.friendlyName ?? `If value ${c.type} ${c.value}`,
    arguments: [input],
    type: c.type,
    value: c.value,
  };
}

type Scalar = Text | number;
const text = (value: Scalar): string => (typeof value === "number" ? String(value) : renderText(value));

function list(type: ConditionType, values: readonly Scalar[]): SplitCondition {
  const rendered = values.map(text);
  const comma = rendered.find((v) => !hasLiquid(v) && v.includes(","));
  const problem =
    values.length === 0
      ? "give at least one value"
      : comma !== undefined
        ? `"${comma}" contains a comma, which Studio reads as a separator; pass each option separately`
        : undefined;
  return condition(type, rendered.join(","), undefined, problem);
}

const number = { pattern: /^\s*-?\d+(\.\d+)?\s*$/, shape: "a number" };
const time = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, shape: "a time as HH:MM" };
const date = { pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, shape: "a date as YYYY-MM-DD" };

/**
 * The value a typed helper requires, by condition type (a Liquid value passes: it is known only
 * when rendered). The importer asks the same of an exported condition.
 */
export const conditionValueShapes = {
  less_than: number,
  greater_than: number,
  is_before_time: time,
  is_after_time: time,
  is_before_date: date,
  is_after_date: date,
} as const satisfies Partial<Record<ConditionType, { pattern: RegExp; shape: string }>>;

/** The value the console writes for the blank checks, which take none of their own. */
export const blankConditionValues = { is_blank: "Is Blank", is_not_blank: "Is Not Blank" } as const;

/** Why JavaScript cannot compile a regex condition's pattern, or undefined (Liquid is not judged). */
export function regexProblem(source: string): string | undefined {
  if (hasLiquid(source)) return undefined;
  try {
    new RegExp(source);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function checked(type: keyof typeof conditionValueShapes, value: Scalar): SplitCondition {
  const rendered = text(value);
  const { pattern, shape } = conditionValueShapes[type];
  const fits = hasLiquid(rendered) || pattern.test(rendered);
  return condition(type, rendered, undefined, fits ? undefined : `"${rendered}" is not ${shape}`);
}

/** Input equals `value` (case-insensitive, trimmed). */
export const equalTo = (value: Scalar) => condition("equal_to", text(value));
/** Input differs from `value`. */
export const notEqualTo = (value: Scalar) => condition("not_equal_to", text(value));
/** Input equals any of the values: `matchesAnyOf("yes", "Yes")` → `value: "yes,Yes"`. */
export const matchesAnyOf = (...values: Scalar[]) => list("matches_any_of", values);
/** Input equals none of the values. */
export const doesNotMatchAnyOf = (...values: Scalar[]) => list("does_not_match_any_of", values);
/** Input is empty or whitespace. Renders the console's `value: "Is Blank"`. */
export const isBlank = () => condition("is_blank", blankConditionValues.is_blank);
/** Input has a non-whitespace character. Renders the console's `value: "Is Not Blank"`. */
export const isNotBlank = () => condition("is_not_blank", blankConditionValues.is_not_blank);
/** Input matches the whole pattern (written without slashes; Studio compares case-insensitively). */
export function regex(pattern: Text | RegExp): SplitCondition {
  const source = pattern instanceof RegExp ? pattern.source : renderText(pattern);
  return condition("regex", source, undefined, regexProblem(source));
}
/** Input contains `value`. */
export const contains = (value: Scalar) => condition("contains", text(value));
/** Input does not contain `value`. */
export const doesNotContain = (value: Scalar) => condition("does_not_contain", text(value));
/** Input starts with `value`. */
export const startsWith = (value: Scalar) => condition("starts_with", text(value));
/** Input does not start with `value`. */
export const doesNotStartWith = (value: Scalar) => condition("does_not_start_with", text(value));

/** Input is a number below `value`. */
export const lessThan = (value: Scalar) => checked("less_than", value);
/** Input is a number above `value`. */
export const greaterThan = (value: Scalar) => checked("greater_than", value);
/** Input (24-hour `HH:MM`) is before `time`. */
export const isBeforeTime = (time: Text) => checked("is_before_time", time);
/** Input (24-hour `HH:MM`) is after `time`. */
export const isAfterTime = (time: Text) => checked("is_after_time", time);
/** Input (`YYYY-MM-DD`) is before `date`. */
export const isBeforeDate = (date: Text) => checked("is_before_date", date);
/** Input (`YYYY-MM-DD`) is after `date`. */
export const isAfterDate = (date: Text) => checked("is_after_date", date);
