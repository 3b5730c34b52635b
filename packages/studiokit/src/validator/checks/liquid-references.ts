import { contextRoots } from "../../definition";
import { type FlowIndex } from "../flow-index";
import { type ValidationIssue } from "../issue";
import { type LiquidParse, type LiquidReference } from "../liquid";
import { didYouMean } from "../suggest";

const roots: ReadonlySet<string> = new Set(contextRoots);

const where = (ref: LiquidReference) => `Liquid at line ${ref.line}, column ${ref.column}`;

function problemOf(
  flow: FlowIndex,
  ref: LiquidReference,
): [code: string, severity: "error" | "warning", text: string] | undefined {
  const [root, name] = ref.segments;
  if (typeof root !== "string") return undefined;
  if (!roots.has(root)) {
    return [
      "unknown-liquid-variable",
      "warning",
      `${where(ref)} reads "${root}", which Studio does not provide (it provides ${contextRoots.join(", ")}), so it renders empty${didYouMean(root, contextRoots)}`,
    ];
  }
  if (root !== "widgets" || typeof name !== "string" || flow.byName.has(name)) return undefined;
  return [
    "unknown-widget-reference",
    "error",
    `${where(ref)} reads widgets.${name}, but no widget is named "${name}"${didYouMean(name, flow.byName.keys())}`,
  ];
}

/**
 * Liquid may read only what Studio provides: `flow`, `trigger`, `widgets`, `contact`, and under
 * `widgets` only widgets of this flow (Studio would silently render an empty string).
 * Variables come from liquidjs's static analysis, so filters, tags (if/for/case…), bracket
 * access (`widgets["a b"]`) and template-local names (assign, for) are handled; a computed name
 * (`widgets[flow.variables.x]`) cannot be checked and is skipped.
 */
export function liquidReferenceIssues(
  flow: FlowIndex,
  i: number,
  path: ReadonlyArray<string | number>,
  parsed: Extract<LiquidParse, { ok: true }>,
  issues: ValidationIssue[],
): void {
  let reported: Set<string> | undefined;
  for (const ref of parsed.references) {
    const problem = problemOf(flow, ref);
    if (!problem) continue;
    const key = `${ref.segments[0]}.${ref.segments[1]}`;
    if (reported?.has(key)) continue;
    (reported ??= new Set()).add(key);
    issues.push(flow.issue(i, problem[0], problem[1], path, problem[2]));
  }
}
