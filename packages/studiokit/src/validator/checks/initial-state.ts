import { type FlowIndex } from "../flow-index";
import { makeIssue, type ValidationIssue } from "../issue";
import { didYouMean } from "../suggest";

/** `initial_state` must name the flow's trigger widget: that is where every execution starts. */
export function checkInitialState(flow: FlowIndex): ValidationIssue[] {
  const name = flow.initialState;
  if (name === undefined) return [];
  const index = flow.byName.get(name);
  if (index !== undefined && flow.states[index]?.type === "trigger") return [];
  // Only a wrong initial_state needs the list of triggers (a pass over every widget).
  const triggers = flow.states.filter((s) => s.type === "trigger").map((s) => s.name);
  const hint =
    triggers.length === 0
      ? '; the flow has no trigger widget (type "trigger"), add one'
      : `; the trigger widget is ${triggers.map((t) => `"${t}"`).join(", ")}`;
  const issue = (message: string): ValidationIssue => makeIssue("initial-state", "initial_state", message);
  if (index === undefined) {
    const suggestion = didYouMean(name, triggers);
    return [issue(`"${name}" is not a widget of this flow${suggestion || hint}`)];
  }
  const type = flow.states[index]?.type;
  return [issue(`"${name}" is a ${type} widget, but executions start at a trigger widget${hint}`)];
}
