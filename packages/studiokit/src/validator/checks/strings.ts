import { type State } from "../../definition/types";
import { type FlowIndex } from "../flow-index";
import { type ValidationIssue } from "../issue";
import { parseLiquid } from "../liquid";
import { forEachString, type StringVisitor } from "../strings";
import { CredentialScan } from "./credentials";
import { liquidReferenceIssues } from "./liquid-references";
import { liquidSyntaxIssue } from "./liquid-syntax";

/**
 * Liquid syntax, Liquid references (when the flow's widget names are known) and credentials all
 * read every string of a widget: one walk serves the three (a walk over 10,000 widgets costs more
 * in memory traffic than the checks themselves). Each keeps its own issues, so a widget's issues
 * are listed check by check: syntax, then references, then credentials. One scan is reused widget
 * after widget (validation is synchronous and walks do not nest), so a clean widget makes no garbage.
 */
class StringScan {
  readonly #credentials = new CredentialScan();
  readonly #references: ValidationIssue[] = [];
  #flow: FlowIndex | undefined;
  #index = 0;
  #issues: ValidationIssue[] = [];

  constructor(private readonly withReferences: boolean) {}

  readonly #visit: StringVisitor = (path, name, value) => {
    const flow = this.#flow!;
    const parsed = parseLiquid(value);
    if (!parsed.ok) this.#issues.push(liquidSyntaxIssue(flow, this.#index, path, parsed));
    else if (this.withReferences) liquidReferenceIssues(flow, this.#index, path, parsed, this.#references);
    this.#credentials.visit(path, name, value);
  };

  readonly check = (flow: FlowIndex, state: State, i: number, issues: ValidationIssue[]): void => {
    this.#flow = flow;
    this.#index = i;
    this.#issues = issues;
    if (this.#references.length > 0) this.#references.length = 0;
    this.#credentials.start(flow, i);
    forEachString(state, this.#visit);
    for (const issue of this.#references) issues.push(issue);
    this.#credentials.finish(issues);
  };
}

/** The string checks of a widget in a flow. */
export const checkFlowStrings = new StringScan(true).check;
/** The string checks of a lone widget (no flow: references to other widgets cannot be checked). */
export const checkWidgetStrings = new StringScan(false).check;
