import { type State } from "../../definition/types";
import { type FlowIndex } from "../flow-index";
import { type ValidationIssue } from "../issue";

/** Widget names must be unique: `next` and `{{widgets.NAME}}` refer to widgets by name (err 81022). */
export function checkDuplicateNames(
  flow: FlowIndex,
  state: State,
  i: number,
  issues: ValidationIssue[],
): void {
  const first = flow.byName.earlier(i);
  if (first === undefined) return;
  issues.push(
    flow.issue(
      i,
      "duplicate-name",
      ["name"],
      `"${state.name}" is also the name of ${flow.path(first)}; widget names must be unique, rename one of them`,
    ),
  );
}
