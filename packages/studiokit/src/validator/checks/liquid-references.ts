import { contextRoots } from "../../definition";
import { type IssueCode } from "../codes";
import { type FlowIndex } from "../flow-index";
import { triggerIndex } from "../graph";
import { type ValidationIssue } from "../issue";
import { parseLiquid, type LiquidParse, type LiquidReference } from "../liquid";
import { forEachString } from "../strings";
import { didYouMean } from "../suggest";

const roots: ReadonlySet<string> = new Set(contextRoots);

const where = (ref: LiquidReference) => `Liquid at line ${ref.line}, column ${ref.column}`;

function problemOf(flow: FlowIndex, ref: LiquidReference): [code: IssueCode, text: string] | undefined {
  const [root, name] = ref.segments;
  if (typeof root !== "string") return undefined;
  if (!roots.has(root)) {
    return [
      "unknown-liquid-variable",
      `${where(ref)} reads "${root}", which Studio does not provide (it provides ${contextRoots.join(", ")}), so it renders empty${didYouMean(root, contextRoots)}`,
    ];
  }
  if (root !== "widgets" || typeof name !== "string" || flow.byName.has(name)) return undefined;
  const type = flow.leftOut.get(name);
  if (type !== undefined)
    return [
      "unreached-widget-reference",
      `${where(ref)} reads widgets.${name}: widget "${name}" (${type}) exists but nothing leads to it, so it is not in the compiled flow and this renders empty; wire it into the flow`,
    ];
  return [
    "unknown-widget-reference",
    `${where(ref)} reads widgets.${name}, but no widget is named "${name}", so it renders empty${didYouMean(name, flow.byName.keys())}`,
  ];
}

/** Reports each (root, widget) pair once per string; `problem` words it. */
function eachReference(
  parsed: Extract<LiquidParse, { ok: true }>,
  problem: (ref: LiquidReference) => [code: IssueCode, text: string] | undefined,
  report: (code: IssueCode, text: string) => void,
): void {
  let reported: Set<string> | undefined;
  for (const ref of parsed.references) {
    const found = problem(ref);
    if (!found) continue;
    const key = `${ref.segments[0]}.${ref.segments[1]}`;
    if (reported?.has(key)) continue;
    (reported ??= new Set()).add(key);
    report(found[0], found[1]);
  }
}

/**
 * Liquid may read only what Studio provides: `flow`, `trigger`, `widgets`, `contact`, and under
 * `widgets` only widgets of this flow (Studio renders anything else as an empty string and
 * accepts the flow, so these are warnings). Variables come from liquidjs's static analysis, so
 * filters, tags (if/for/case…), bracket access (`widgets["a b"]`) and template-local names
 * (assign, for) are handled; a computed name (`widgets[flow.variables.x]`) cannot be checked and
 * is skipped.
 */
export function liquidReferenceIssues(
  flow: FlowIndex,
  i: number,
  path: ReadonlyArray<string | number>,
  parsed: Extract<LiquidParse, { ok: true }>,
  issues: ValidationIssue[],
): void {
  eachReference(
    parsed,
    (ref) => problemOf(flow, ref),
    (code, text) => issues.push(flow.issue(i, code, path, text)),
  );
}

/**
 * A widget the trigger reaches that reads `widgets.NAME` of a widget it does not reach: that
 * widget never runs, so the reference renders empty. Nothing to do (no second walk) when the
 * trigger reaches every widget, as in most flows.
 */
export function checkUnreachedReferences(flow: FlowIndex): ValidationIssue[] {
  const reached = flow.reached();
  const start = triggerIndex(flow);
  if (reached === undefined || start === undefined || reached.every((r) => r === 1)) return [];
  const trigger = flow.states[start]?.name;
  const issues: ValidationIssue[] = [];
  const unreached = (ref: LiquidReference): [IssueCode, string] | undefined => {
    const [root, name] = ref.segments;
    if (root !== "widgets" || typeof name !== "string") return undefined;
    const target = flow.byName.get(name);
    if (target === undefined || reached[target]) return undefined;
    return [
      "unreached-widget-reference",
      `${where(ref)} reads widgets.${name}: widget "${name}" exists but nothing leads to it from "${trigger}", so it never runs and this renders empty; wire it into the flow`,
    ];
  };
  flow.states.forEach((state, i) => {
    if (!reached[i]) return;
    forEachString(state, (path, _name, value) => {
      const parsed = parseLiquid(value);
      if (parsed.ok)
        eachReference(parsed, unreached, (code, text) => issues.push(flow.issue(i, code, path, text)));
    });
  });
  return issues;
}
