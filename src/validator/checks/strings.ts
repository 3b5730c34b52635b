import { type State } from "../../definition";
import { type FlowIndex } from "../flow-index";
import { type ValidationIssue } from "../issue";
import { parseLiquid } from "../liquid";
import { forEachString } from "../strings";
import { CredentialScan } from "./credentials";
import { liquidReferenceIssues } from "./liquid-references";
import { liquidSyntaxIssue } from "./liquid-syntax";

/**
 * Liquid syntax, Liquid references (when the flow's widget names are known) and credentials all
 * read every string of a widget: one walk serves the three (a walk over 10,000 widgets costs more
 * in memory traffic than the checks themselves). Each keeps its own issues, so a widget's issues
 * are listed check by check: syntax, then references, then credentials.
 */
function checkStrings(
  references: boolean,
): (flow: FlowIndex, state: State, i: number, issues: ValidationIssue[]) => void {
  return (flow, state, i, issues) => {
    const referenceIssues: ValidationIssue[] = [];
    const credentials = new CredentialScan(flow, i);
    forEachString(state, (path, name, value) => {
      const parsed = parseLiquid(value);
      if (!parsed.ok) issues.push(liquidSyntaxIssue(flow, i, path, parsed));
      else if (references) liquidReferenceIssues(flow, i, path, parsed, referenceIssues);
      credentials.visit(path, name, value);
    });
    issues.push(...referenceIssues);
    credentials.finish(issues);
  };
}

/** The string checks of a widget in a flow. */
export const checkFlowStrings = checkStrings(true);
/** The string checks of a lone widget (no flow: references to other widgets cannot be checked). */
export const checkWidgetStrings = checkStrings(false);
