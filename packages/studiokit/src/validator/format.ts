import { type FlowDefinition } from "../definition/types";
import { type ValidationIssue } from "./issue";
import { inspectDefinition } from "./validate";

/** One line: `file: widget "ask": states[1].properties.timeout: message` (warnings say so). */
export function formatIssue(issue: ValidationIssue, source?: string): string {
  const parts: string[] = [];
  if (source !== undefined) parts.push(source);
  if (issue.widget !== undefined) parts.push(`widget "${issue.widget}"`);
  parts.push(issue.path, issue.severity === "warning" ? `warning: ${issue.message}` : issue.message);
  return parts.join(": ");
}

/** One line per issue, newline-separated (no trailing newline). */
export function formatIssues(issues: readonly ValidationIssue[], source?: string): string {
  return issues.map((issue) => formatIssue(issue, source)).join("\n");
}

/** Thrown by `assertValid`; `issues` holds every issue found (warnings too), as data. */
export class FlowValidationError extends Error {
  constructor(
    readonly issues: readonly ValidationIssue[],
    source?: string,
  ) {
    super(formatIssues(issues, source));
    this.name = "FlowValidationError";
  }
}

/** The definition, typed, when it has no error (warnings allowed); otherwise throws FlowValidationError. */
export function assertValid(input: unknown, source?: string): FlowDefinition {
  const { definition, issues } = inspectDefinition(input);
  if (definition === undefined || issues.some((issue) => issue.severity === "error")) {
    throw new FlowValidationError(issues, source);
  }
  return definition;
}
