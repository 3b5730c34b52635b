import { hasLiquid, type Condition } from "../definition";
import { blankConditionValues, camelCase, conditionValueShapes, regexProblem } from "../builder";
import { type References } from "./import-values";

/** A helper's rule for a condition type, when it has one (the builder's own tables). */
const ruleOf = <T>(rules: Readonly<Record<string, T>>, type: string): T | undefined =>
  Object.hasOwn(rules, type) ? rules[type] : undefined;

/** Why a typed helper would not write this condition back exactly, or undefined when it would. */
function notReproducible(c: Condition, input: unknown): string | undefined {
  const extra = Object.keys(c).filter((k) => !["friendly_name", "arguments", "type", "value"].includes(k));
  if (extra.length > 0) return `it has keys the builder does not write (${extra.join(", ")})`;
  if (c.arguments.length !== 1 || c.arguments[0] !== input)
    return "its arguments differ from the split's input";
  if (c.value === undefined) return "it has no value";
  const blank = ruleOf(blankConditionValues, c.type);
  if (blank !== undefined && c.value !== blank) return `its value is not "${blank}"`;
  const shape = ruleOf(conditionValueShapes, c.type);
  if (shape && !hasLiquid(c.value) && !shape.pattern.test(c.value))
    return `its value "${c.value}" is not what ${c.type} takes`;
  if (c.type === "regex" && regexProblem(c.value) !== undefined)
    return "JavaScript cannot compile its pattern";
  return undefined;
}

export interface ConditionCode {
  readonly code: string;
  readonly helper: string;
  /** Set when the condition had to go through `rawCondition`. */
  readonly warning?: string;
}

/**
 * A split condition as builder code: the typed helper (`matchesAnyOf("yes", "Yes")`), `.named()`
 * when the console's friendly name was edited, or `rawCondition({...})` when no helper writes it
 * back exactly.
 */
export function conditionCode(
  c: Condition,
  input: unknown,
  refs: References,
  use: Set<string>,
): ConditionCode {
  const reason = notReproducible(c, input);
  if (reason !== undefined) {
    return {
      code: `rawCondition(${refs.value(c, undefined, use)})`,
      helper: "rawCondition",
      warning: `${c.type} condition "${c.friendly_name}": ${reason}; written with rawCondition`,
    };
  }
  const value = c.value ?? "";
  const helper = camelCase(c.type);
  const text = (v: string) => refs.code(v, use) ?? JSON.stringify(v);
  let args: string;
  if (ruleOf(blankConditionValues, c.type) !== undefined) args = "";
  else if ((c.type === "matches_any_of" || c.type === "does_not_match_any_of") && !hasLiquid(value))
    args = value.split(",").map(text).join(", ");
  else args = text(value);
  const named =
    c.friendly_name === `If value ${c.type} ${value}` ? "" : `.named(${JSON.stringify(c.friendly_name)})`;
  return { code: `${helper}(${args})${named}`, helper };
}
