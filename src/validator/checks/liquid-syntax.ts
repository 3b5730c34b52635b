import { type FlowIndex } from "../flow-index";
import { type ValidationIssue } from "../issue";
import { parseLiquid } from "../liquid";

/** Every string Studio renders must parse as Liquid (liquidjs), reported with line and column. */
export function checkLiquidSyntax(flow: FlowIndex): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  flow.states.forEach((_state, i) => {
    for (const text of flow.stringsOf(i)) {
      const parsed = parseLiquid(text.value);
      if (parsed.ok) continue;
      issues.push(
        flow.issue(
          i,
          "liquid-syntax",
          "error",
          text.path,
          `Liquid syntax error at line ${parsed.line}, column ${parsed.column}: ${parsed.message}`,
        ),
      );
    }
  });
  return issues;
}
