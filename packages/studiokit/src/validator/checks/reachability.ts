import { type FlowIndex } from "../flow-index";
import { reachable, triggerIndex } from "../graph";
import { type ValidationIssue } from "../issue";

/** Widgets no path of transitions reaches from the trigger never run: a warning, as Studio accepts them. */
export function checkReachability(flow: FlowIndex): ValidationIssue[] {
  const start = triggerIndex(flow);
  if (start === undefined) return [];
  const trigger = flow.states[start]?.name;
  const seen = reachable(flow.edges.edges(), [start]);
  const issues: ValidationIssue[] = [];
  flow.states.forEach((state, i) => {
    if (seen[i] || flow.byName.get(state.name) !== i) return;
    issues.push(
      flow.issue(
        i,
        "unreachable",
        "warning",
        [],
        `no transition leads here from "${trigger}", so it never runs; connect it or delete it`,
      ),
    );
  });
  return issues;
}
