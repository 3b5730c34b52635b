import { z } from "zod";
import { issueCodeList, severityOf, type IssueCode } from "./codes";

export const severitySchema = z.enum(["error", "warning"]);
export type Severity = z.infer<typeof severitySchema>;

/**
 * One problem the validator found, as data. `path` is a JSON path such as
 * `states[3].properties.timeout`; `severity` is the code's (codes.ts).
 */
export const validationIssueSchema = z.object({
  code: z.enum(issueCodeList),
  severity: severitySchema,
  path: z.string(),
  widget: z.string().optional(),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

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
