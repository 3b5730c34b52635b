import { studioLimits } from "../../definition";
import { type FlowIndex } from "../flow-index";
import { makeIssue, type ValidationIssue } from "../issue";

/** Studio's flow schema caps `states` at 1,000 widgets. */
export function checkLimits(flow: FlowIndex): ValidationIssue[] {
  const count = flow.states.length;
  const limit = studioLimits.statesPerFlow;
  if (count <= limit) return [];
  return [
    makeIssue(
      "too-many-states",
      "states",
      `the flow has ${count} widgets; Studio accepts at most ${limit}, so move a part into a Subflow (Run Subflow)`,
    ),
  ];
}
