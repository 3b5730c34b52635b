import { parseFlowDefinition, parseState, type FlowDefinition, type State } from "../definition";
import { checkChannels } from "./checks/channel";
import { checkConditions } from "./checks/conditions";
import { checkCredentials } from "./checks/credentials";
import { flowSchemaIssues, widgetSchemaIssues } from "./checks/flow-schema";
import { checkInitialState } from "./checks/initial-state";
import { checkLimits } from "./checks/limits";
import { checkLiquidReferences } from "./checks/liquid-references";
import { checkLiquidSyntax } from "./checks/liquid-syntax";
import { checkDuplicateNames } from "./checks/names";
import { checkProperties } from "./checks/properties";
import { checkReachability } from "./checks/reachability";
import { checkRegexConditions } from "./checks/regex";
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
  checkEvents,
  checkTargets,
  checkConditions,
  checkRegexConditions,
  checkLiquidSyntax,
  checkLiquidReferences,
  checkCredentials,
];

/** Flow-level checks whose issues are listed after each widget's own: where it sits in the flow. */
const trailingChecks: readonly FlowCheck[] = [checkReachability, checkChannels];

/** The checks that need nothing but the widget itself (also run on a lone widget fixture). */
const widgetChecks: readonly StateCheck[] = [
  checkProperties,
  checkEvents,
  checkConditions,
  checkRegexConditions,
  checkLiquidSyntax,
  checkCredentials,
];

const stateIndexOf = (path: string) => Number(/^states\[(\d+)\]/.exec(path)?.[1] ?? -1);

/**
 * One pass over the widgets runs every widget check on each (a 10,000-widget flow does not fit
 * in the CPU cache; a pass per check would fetch it ten times). Flow-level issues come first,
 * then each widget's in file order (a stable sort by widget index keeps check order within one).
 */
function run(
  flow: FlowIndex,
  perState: readonly StateCheck[],
  leading: readonly FlowCheck[] = [],
  trailing: readonly FlowCheck[] = [],
): ValidationIssue[] {
  const issues = leading.flatMap((check) => check(flow));
  flow.states.forEach((state, index) => {
    for (const check of perState) check(flow, state, index, issues);
  });
  for (const check of trailing) issues.push(...check(flow));
  const keyed = issues.map((issue) => ({ issue, state: stateIndexOf(issue.path) }));
  keyed.sort((a, b) => a.state - b.state);
  return keyed.map((k) => k.issue);
}

/** The definition (when it fits the flow schema) and every issue found. */
export function inspectDefinition(input: unknown): {
  definition: FlowDefinition | undefined;
  issues: ValidationIssue[];
} {
  const parsed = parseFlowDefinition(input);
  if (!parsed.ok) return { definition: undefined, issues: flowSchemaIssues(input, parsed.problems) };
  // The flow schema has no transforms, so a definition that parses is its own input. Checking
  // the input rather than zod's deep copy lets the copy die young: with 10,000 widgets, keeping
  // both alive through every check costs more in garbage collection than all the checks.
  const definition = input as FlowDefinition;
  return {
    definition,
    issues: run(FlowIndex.ofDefinition(definition), stateChecks, leadingChecks, trailingChecks),
  };
}

/** Checks any definition (compiled or exported from the console) and returns every issue found. */
export function validateDefinition(input: unknown): ValidationIssue[] {
  return inspectDefinition(input).issues;
}

/**
 * Checks one widget (a state object, as in single-widget fixtures) on its own: its shape, its
 * properties, events, conditions, Liquid syntax and credentials. Paths start at the widget.
 */
export function validateWidget(input: unknown): ValidationIssue[] {
  const parsed = parseState(input);
  if (!parsed.ok) return widgetSchemaIssues(input);
  return run(FlowIndex.ofWidget(parsed.value), widgetChecks);
}
