import { type FlowIndex } from "../flow-index";
import { triggerIndex } from "../graph";
import { type ValidationIssue } from "../issue";

/** Widgets no path of transitions reaches from the trigger never run: a warning, as Studio accepts them. */
export function checkReachability(flow: FlowIndex): ValidationIssue[] {
  const start = triggerIndex(flow);
  const seen = flow.reached();
  if (start === undefined || seen === undefined) return [];
  const trigger = flow.states[start]?.name;
  const issues: ValidationIssue[] = [];
  flow.states.forEach((state, i) => {
    if (seen[i] || flow.byName.get(state.name) !== i) return;
    issues.push(
      flow.issue(
        i,
        "unreachable",
        [],
        `no transition leads here from "${trigger}", so it never runs; connect it or delete it`,
      ),
    );
  });
  return issues;
}
