import { hasLiquid } from "../../definition";
import { type State } from "../../definition/types";
import { noConditions } from "../strings";
import { type FlowIndex } from "../flow-index";
import { type ValidationIssue } from "../issue";

/**
 * `regex` conditions must compile. Checked as a JavaScript RegExp, case-insensitive, which is how
 * studiokit's engine runs them; Studio's own dialect is UNCONFIRMED (docs/studio-behaviour.md §4). A pattern
 * holding Liquid is only known after rendering and is skipped.
 */
export function checkRegexConditions(
  flow: FlowIndex,
  state: State,
  i: number,
  issues: ValidationIssue[],
): void {
  for (let t = 0; t < state.transitions.length; t++) {
    const conditions = state.transitions[t]!.conditions ?? noConditions;
    for (let c = 0; c < conditions.length; c++) {
      const condition = conditions[c]!;
      const pattern = condition.value;
      if (condition.type !== "regex" || pattern === undefined || hasLiquid(pattern)) continue;
      try {
        new RegExp(pattern, "i");
      } catch (error) {
        const reason =
          error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/i: /s, "") : "";
        issues.push(
          flow.issue(
            i,
            "invalid-regex",
            ["transitions", t, "conditions", c, "value"],
            `condition "${condition.friendly_name}" has an invalid regular expression ${JSON.stringify(pattern)}: ${reason} (checked as a case-insensitive JavaScript RegExp)`,
          ),
        );
      }
    }
  }
}
