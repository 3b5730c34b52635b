import { type State } from "../../definition";
import { type FlowIndex } from "../flow-index";
import { type ValidationIssue } from "../issue";
import { parseLiquid } from "../liquid";
import { forEachString } from "../strings";

/** Every string Studio renders must parse as Liquid (liquidjs), reported with line and column. */
export function checkLiquidSyntax(flow: FlowIndex, state: State, i: number, issues: ValidationIssue[]): void {
  forEachString(state, (path, _name, value) => {
    const parsed = parseLiquid(value);
    if (parsed.ok) return;
    issues.push(
      flow.issue(
        i,
        "liquid-syntax",
        "error",
        path,
        `Liquid syntax error at line ${parsed.line}, column ${parsed.column}: ${parsed.message}`,
      ),
    );
  });
}
