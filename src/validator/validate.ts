import { parseFlowDefinition, parseState, type FlowDefinition } from "../definition";
import { checkChannels } from "./checks/channel";
import { checkConditions } from "./checks/conditions";
import { checkCredentials } from "./checks/credentials";
import { flowSchemaIssues } from "./checks/flow-schema";
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

/** Checks that need only the widget itself (also run on single-widget fixtures). */
const widgetChecks: readonly Check[] = [
  checkProperties,
  checkEvents,
  checkConditions,
  checkRegexConditions,
  checkLiquidSyntax,
  checkCredentials,
];

/** Checks that need the whole flow. */
const flowChecks: readonly Check[] = [
  checkLimits,
  checkInitialState,
  checkDuplicateNames,
  checkTargets,
  checkLiquidReferences,
  checkReachability,
  checkChannels,
];

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
  const flow = FlowIndex.ofDefinition(parsed.value);
  return { definition: parsed.value, issues: run(flow, [...flowChecks, ...widgetChecks]) };
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
  if (!parsed.ok) {
    return parsed.problems.map((p) => ({
      code: "schema",
      severity: "error",
      path: p.path,
      message: p.message,
    }));
  }
  return run(FlowIndex.ofWidget(parsed.value), widgetChecks);
}
