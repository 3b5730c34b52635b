import { flowEnvelopeSchema, nestingProblem, parseState } from "../definition";
import { type FlowDefinition, type State } from "../definition/types";
import { checkChannels } from "./checks/channel";
import { checkConditions } from "./checks/conditions";
import { readFlow, stateFit, widgetSchemaIssues } from "./checks/flow-schema";
import { fits } from "./fits";
import { checkInitialState } from "./checks/initial-state";
import { checkLimits } from "./checks/limits";
import { checkUnreachedReferences } from "./checks/liquid-references";
import { checkDuplicateNames } from "./checks/names";
import { checkWidgetNeeds } from "./checks/needs";
import { checkProperties } from "./checks/properties";
import { checkReachability } from "./checks/reachability";
import { checkRegexConditions } from "./checks/regex";
import { checkFlowStrings, checkWidgetStrings } from "./checks/strings";
import { checkEvents, checkTargets } from "./checks/transitions";
import { FlowIndex } from "./flow-index";
import { type ValidationIssue } from "./issue";

/** A check of the whole flow. */
type FlowCheck = (flow: FlowIndex) => ValidationIssue[];
/** A check of one widget, adding to `issues`; every widget check runs while the widget is at hand. */
type StateCheck = (flow: FlowIndex, state: State, index: number, issues: ValidationIssue[]) => void;

/** Flow-level checks whose issues are listed before any widget's. */
const leadingChecks: readonly FlowCheck[] = [checkLimits, checkInitialState];

/** Widget checks, in the order a widget's issues are listed: name, shape, wiring, contents. */
const stateChecks: readonly StateCheck[] = [
  checkDuplicateNames,
  checkProperties,
  checkWidgetNeeds,
  checkEvents,
  checkTargets,
  checkConditions,
  checkRegexConditions,
  checkFlowStrings,
];

/** Flow-level checks whose issues are listed after each widget's own: where it sits in the flow. */
const trailingChecks: readonly FlowCheck[] = [checkReachability, checkUnreachedReferences, checkChannels];

/** The checks that need nothing but the widget itself (also run on a lone widget fixture). */
const widgetChecks: readonly StateCheck[] = [
  checkProperties,
  checkWidgetNeeds,
  checkEvents,
  checkConditions,
  checkRegexConditions,
  checkWidgetStrings,
];

const stateIndexOf = (path: string) => Number(/^states\[(\d+)\]/.exec(path)?.[1] ?? -1);

/**
 * One pass over the widgets runs every widget check on each (a 10,000-widget flow does not fit
 * in the CPU cache; a pass per check would fetch it ten times). `admit` sees each state first and
 * may stop the run (undefined). Flow-level issues come first, then each widget's in file order (a
 * stable sort by widget index keeps check order within one).
 */
function run(
  flow: FlowIndex,
  perState: readonly StateCheck[],
  leading: readonly FlowCheck[] = [],
  trailing: readonly FlowCheck[] = [],
  admit: (index: number) => boolean = () => true,
): ValidationIssue[] | undefined {
  const widgetIssues: ValidationIssue[] = [];
  for (let index = 0; index < flow.states.length; index++) {
    if (!admit(index)) return undefined;
    const state = flow.states[index]!;
    for (const check of perState) check(flow, state, index, widgetIssues);
  }
  const issues = leading.flatMap((check) => check(flow));
  issues.push(...widgetIssues);
  for (const check of trailing) issues.push(...check(flow));
  const keyed = issues.map((issue) => ({ issue, state: stateIndexOf(issue.path) }));
  keyed.sort((a, b) => a.state - b.state);
  return keyed.map((k) => k.issue);
}

/**
 * Every issue of a flow whose envelope fits, when each state fits too; undefined as soon as one
 * does not. Each state is checked against the schema (with its type's properties) just before
 * its widget checks, while it is in the CPU cache. Those checks assume nothing of the states not
 * yet reached but their names (the index reads only names that are strings), and their issues
 * are dropped when a later state does not fit.
 */
function checkFlow(envelope: FlowDefinition, options: ValidateOptions): ValidationIssue[] | undefined {
  const states: readonly unknown[] = envelope.states;
  const propertiesValid = new Uint8Array(states.length);
  const flow = FlowIndex.ofDefinition(envelope, propertiesValid, options.leftOut);
  return run(flow, stateChecks, leadingChecks, trailingChecks, (index) => {
    const fit = stateFit(states[index]);
    propertiesValid[index] = fit === "with properties" ? 1 : 0;
    return fit !== undefined;
  });
}

/** A value nested past the definition room's limit, as the one issue: no check walks it. */
function nestingIssues(input: unknown): ValidationIssue[] | undefined {
  const problem = nestingProblem(input);
  return problem && [{ code: "too-deep", severity: "error", path: problem.path, message: problem.message }];
}

/** Whether a value fits the envelope, without a parsed copy (see fits.ts). */
const envelopeFits = fits(flowEnvelopeSchema);

export interface ValidateOptions {
  /**
   * Widgets the author made that the definition leaves out, name → widget type: the compiler's
   * widgets that nothing leads to. A reference to one says so instead of "no widget is named".
   */
  readonly leftOut?: ReadonlyMap<string, string>;
}

/** The definition (when it fits the flow schema) and every issue found. */
export function inspectDefinition(
  input: unknown,
  options: ValidateOptions = {},
): {
  definition: FlowDefinition | undefined;
  issues: ValidationIssue[];
} {
  const tooDeep = nestingIssues(input);
  if (tooDeep) return { definition: undefined, issues: tooDeep };
  // The input itself is checked (zod's copies are not kept): with 10,000 widgets, keeping a copy
  // alive through every check costs more in garbage collection than all the checks. The flow
  // schema has no transforms, so a definition that fits is its own parsed value.
  const envelope = envelopeFits(input) ? (input as FlowDefinition) : undefined;
  const issues = envelope && checkFlow(envelope, options);
  if (envelope && issues) return { definition: envelope, issues };
  const parsed = readFlow(input);
  if (!parsed.ok) return { definition: undefined, issues: parsed.issues };
  // Not expected (the per-state checks decide as the whole schema does), but never worse than it.
  const flow = FlowIndex.ofDefinition(parsed.value, undefined, options.leftOut);
  const all = run(flow, stateChecks, leadingChecks, trailingChecks) ?? [];
  return { definition: parsed.value, issues: all };
}

/** Checks any definition (compiled or exported from the console) and returns every issue found. */
export function validateDefinition(input: unknown, options: ValidateOptions = {}): ValidationIssue[] {
  return inspectDefinition(input, options).issues;
}

/**
 * Checks one widget (a state object, as in single-widget fixtures) on its own: its shape, its
 * properties, events, conditions, Liquid syntax and credentials. Paths start at the widget.
 */
export function validateWidget(input: unknown): ValidationIssue[] {
  const tooDeep = nestingIssues(input);
  if (tooDeep) return tooDeep;
  const parsed = parseState(input);
  if (!parsed.ok) return widgetSchemaIssues(input);
  return run(FlowIndex.ofWidget(parsed.value), widgetChecks) ?? [];
}
