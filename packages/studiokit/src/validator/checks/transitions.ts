import { type State } from "../../definition/types";
import { type FlowIndex } from "../flow-index";
import { type ValidationIssue } from "../issue";
import { didYouMean } from "../suggest";

const quoteList = (items: readonly string[]) => items.map((e) => `"${e}"`).join(", ");

/**
 * Each `next` must name a widget of the flow (err 81022). An empty or absent `next` ends the
 * execution. The names it resolves are the flow's edges (recorded for the graph checks).
 */
export function checkTargets(flow: FlowIndex, state: State, i: number, issues: ValidationIssue[]): void {
  for (let t = 0; t < state.transitions.length; t++) {
    const transition = state.transitions[t]!;
    const next = transition.next;
    if (next === undefined || next === "") continue;
    const target = flow.byName.get(next);
    if (target !== undefined) {
      flow.edges.add(i, target);
      continue;
    }
    issues.push(
      flow.issue(
        i,
        "missing-target",
        ["transitions", t, "next"],
        `transition "${transition.event}" goes to "${next}", which does not exist${didYouMean(next, flow.byName.keys())}`,
      ),
    );
  }
  flow.edges.close(i);
}

/** Each transition's `event` must be one the widget type emits. */
export function checkEvents(flow: FlowIndex, state: State, i: number, issues: ValidationIssue[]): void {
  const spec = flow.spec(i);
  if (!spec) return;
  for (let t = 0; t < state.transitions.length; t++) {
    const transition = state.transitions[t]!;
    if (spec.events.includes(transition.event)) continue;
    issues.push(
      flow.issue(
        i,
        "illegal-event",
        ["transitions", t, "event"],
        `"${transition.event}" is not an event of ${spec.label} (${spec.type}); its events are ${quoteList(spec.events)}${didYouMean(transition.event, spec.events)}`,
      ),
    );
  }
}
