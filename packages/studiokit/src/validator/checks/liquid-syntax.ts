import { type FlowIndex } from "../flow-index";
import { type ValidationIssue } from "../issue";
import { type LiquidParse } from "../liquid";

type PathSegment = string | number;

/** Every string Studio renders must parse as Liquid (liquidjs), reported with line and column. */
export function liquidSyntaxIssue(
  flow: FlowIndex,
  i: number,
  path: ReadonlyArray<PathSegment>,
  parsed: Extract<LiquidParse, { ok: false }>,
): ValidationIssue {
  return flow.issue(
    i,
    "liquid-syntax",
    path,
    `Liquid syntax error at line ${parsed.line}, column ${parsed.column}: ${parsed.message}`,
  );
}
