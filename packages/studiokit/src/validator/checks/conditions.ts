import { valuelessConditionTypes } from "../../definition";
import { type State } from "../../definition/types";
import { type FlowIndex } from "../flow-index";
import { type ValidationIssue } from "../issue";

/**
 * Split conditions live only on Split Based On's `match` transitions, and every `match`
 * transition needs at least one; a condition type other than is_blank/is_not_blank needs a `value`.
 */
export function checkConditions(flow: FlowIndex, state: State, i: number, issues: ValidationIssue[]): void {
  const isSplit = state.type === "split-based-on";
  for (let t = 0; t < state.transitions.length; t++) {
    const transition = state.transitions[t]!;
    const conditions = transition.conditions;
    if (isSplit && transition.event === "match" && !conditions?.length) {
      issues.push(
        flow.issue(
          i,
          "match-without-conditions",
          ["transitions", t],
          `"match" transition has no conditions, so it can never be taken; add a condition or remove the transition`,
        ),
      );
    }
    if (conditions === undefined) continue;
    if (!isSplit || transition.event !== "match") {
      const where = isSplit ? `a "${transition.event}" transition` : `a ${state.type} widget`;
      issues.push(
        flow.issue(
          i,
          "unexpected-conditions",
          ["transitions", t, "conditions"],
          `conditions are only read on the "match" transitions of a split-based-on widget, not on ${where}; remove them`,
        ),
      );
      continue;
    }
    for (let c = 0; c < conditions.length; c++) {
      const condition = conditions[c]!;
      if (condition.value !== undefined || valuelessConditionTypes.has(condition.type)) continue;
      issues.push(
        flow.issue(
          i,
          "condition-value-missing",
          ["transitions", t, "conditions", c, "value"],
          `condition "${condition.friendly_name}" (${condition.type}) has no "value" to compare with`,
        ),
      );
    }
  }
}
