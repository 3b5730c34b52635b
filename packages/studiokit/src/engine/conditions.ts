import { type ConditionType } from "../definition";
import { type Warn } from "./liquid";
import { remember } from "./remember";

/**
 * Split Based On's 17 predicates (docs/studio-behaviour.md §4). Both sides arrive rendered; every
 * predicate trims and ignores case, as the doc says of all of them.
 */
type Predicate = (subject: string, value: string, warn: Warn) => boolean;

const fold = (text: string): string => text.trim().toLowerCase();

/**
 * `yes, Yeah,yup` → `["yes", "yeah", "yup"]`. Empty items (from a trailing comma) are dropped,
 * so they never match an empty input: UNCONFIRMED.
 */
const splitOptions = (value: string): readonly string[] =>
  value
    .split(",")
    .map(fold)
    .filter((item) => item !== "");
const options = (value: string): readonly string[] => remember(optionLists, value, splitOptions);
const optionLists = new Map<string, readonly string[]>();

const numberPattern = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** A number, or undefined for text: Studio "does not perform comparisons on letters". */
function toNumber(text: string): number | undefined {
  const t = text.trim();
  return numberPattern.test(t) ? Number(t) : undefined;
}

const timePattern = /^(\d{2}):(\d{2})$/;
/** Minutes since midnight of a 24-hour `HH:MM` with leading zeros, else undefined. */
function toMinutes(text: string): number | undefined {
  const m = timePattern.exec(text.trim());
  if (!m) return undefined;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

const datePattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A `YYYY-MM-DD` date with leading zeros (compares as text), else undefined. */
function toDate(text: string): string | undefined {
  const t = text.trim();
  return datePattern.test(t) ? t : undefined;
}

function compareBy<T>(parse: (t: string) => T | undefined, test: (a: T, b: T) => boolean): Predicate {
  return (subject, value) => {
    const a = parse(subject);
    const b = parse(value);
    return a !== undefined && b !== undefined && test(a, b);
  };
}

const regexCache = new Map<string, RegExp | null>();
function compileFullMatch(source: string): RegExp | null {
  try {
    return new RegExp(`^(?:${source})$`, "i");
  } catch {
    return null;
  }
}

/**
 * The whole (trimmed) input must match, case-insensitively. The pattern is wrapped in `(?:…)`
 * so top-level alternation stays anchored; JavaScript's dialect stands in for Studio's
 * (UNCONFIRMED). An invalid pattern never matches and is reported.
 */
function fullMatch(subject: string, pattern: string, warn: Warn): boolean {
  const source = pattern.trim();
  const regex = remember(regexCache, source, compileFullMatch);
  if (regex === null) {
    warn("regex", `the pattern /${source}/ is not a valid regular expression, so it never matches`);
    return false;
  }
  return regex.test(subject.trim());
}

const equal: Predicate = (s, v) => fold(s) === fold(v);
const anyOf: Predicate = (s, v) => options(v).includes(fold(s));
const contains: Predicate = (s, v) => fold(s).includes(fold(v));
const startsWith: Predicate = (s, v) => fold(s).startsWith(fold(v));
const blank: Predicate = (s) => s.trim() === "";

export const predicates = {
  equal_to: equal,
  not_equal_to: (s, v, w) => !equal(s, v, w),
  matches_any_of: anyOf,
  does_not_match_any_of: (s, v, w) => !anyOf(s, v, w),
  is_blank: blank,
  is_not_blank: (s, v, w) => !blank(s, v, w),
  regex: fullMatch,
  contains,
  does_not_contain: (s, v, w) => !contains(s, v, w),
  starts_with: startsWith,
  does_not_start_with: (s, v, w) => !startsWith(s, v, w),
  less_than: compareBy(toNumber, (a, b) => a < b),
  greater_than: compareBy(toNumber, (a, b) => a > b),
  is_before_time: compareBy(toMinutes, (a, b) => a < b),
  is_after_time: compareBy(toMinutes, (a, b) => a > b),
  is_before_date: compareBy(toDate, (a, b) => a < b),
  is_after_date: compareBy(toDate, (a, b) => a > b),
} satisfies Record<ConditionType, Predicate>;

/** Evaluates one condition; an unknown type never matches and is reported. */
export function evaluateCondition(type: string, subject: string, value: string, warn: Warn): boolean {
  const predicate = (predicates as Record<string, Predicate | undefined>)[type];
  if (!predicate || !Object.prototype.hasOwnProperty.call(predicates, type)) {
    warn("condition", `unknown condition type "${type}" never matches`);
    return false;
  }
  return predicate(subject, value, warn);
}
