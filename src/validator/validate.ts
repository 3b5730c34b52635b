import { parseFlowDefinition, parseState, type FlowDefinition } from "../definition";
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

type Check = (flow: FlowIndex) => ValidationIssue[];

/**
 * Every check, in the order a widget's issues are listed: its name, shape, wiring, contents, then
 * where it sits in the flow. `widget` marks the checks that also run on a lone widget fixture.
 */
const checks: ReadonlyArray<{ readonly check: Check; readonly widget: boolean }> = [
  { check: checkLimits, widget: false },
  { check: checkInitialState, widget: false },
  { check: checkDuplicateNames, widget: false },
  { check: checkProperties, widget: true },
  { check: checkEvents, widget: true },
  { check: checkTargets, widget: false },
  { check: checkConditions, widget: true },
  { check: checkRegexConditions, widget: true },
  { check: checkLiquidSyntax, widget: true },
  { check: checkLiquidReferences, widget: false },
  { check: checkCredentials, widget: true },
  { check: checkReachability, widget: false },
  { check: checkChannels, widget: false },
];
const flowChecks = checks.map((c) => c.check);
const widgetChecks = checks.filter((c) => c.widget).map((c) => c.check);

const stateIndexOf = (path: string) => Number(/^states\[(\d+)\]/.exec(path)?.[1] ?? -1);

/** Flow-level issues first, then by widget in file order; within a widget, in check order. */
function ordered(issues: ValidationIssue[]): ValidationIssue[] {
  const keyed = issues.map((issue, position) => ({ issue, position, state: stateIndexOf(issue.path) }));
  keyed.sort((a, b) => a.state - b.state || a.position - b.position);
  return keyed.map((k) => k.issue);
}

function run(flow: FlowIndex, checks: readonly Check[]): ValidationIssue[] {
  return ordered(checks.flatMap((check) => check(flow)));
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
  return { definition, issues: run(FlowIndex.ofDefinition(definition), flowChecks) };
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
