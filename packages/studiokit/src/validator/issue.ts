import { severityOf, type IssueCode } from "./codes";
import { type ValidationIssue } from "./issue-types";

export { type ValidationIssue, type Severity } from "./issue-types";

/** An issue of `code`, with the severity the table gives it (`widget` left out when unknown). */
export function makeIssue(
  code: IssueCode,
  path: string,
  message: string,
  widget?: string | undefined,
): ValidationIssue {
  const severity = severityOf(code);
  return widget === undefined ? { code, severity, path, message } : { code, severity, path, widget, message };
}

/**
 * The issues that fail a check: the errors, and with `strict` the warnings too (`--strict`,
 * StudioFlow's `strict`).
 */
export function failingIssues(
  issues: readonly ValidationIssue[],
  options: { readonly strict?: boolean | undefined } = {},
): ValidationIssue[] {
  return options.strict === true ? [...issues] : issues.filter((issue) => issue.severity === "error");
}
