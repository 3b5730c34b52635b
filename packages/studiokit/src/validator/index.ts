/**
 * The validator room: checks any flow definition (compiled or exported from the Studio console)
 * and returns every issue as data; `assertValid` is the thin throwing wrapper.
 */
export { failingIssues, makeIssue } from "./issue";
export { type ValidationIssue, type Severity } from "./issue-types";
export { issueCodes, severityOf, type IssueCode } from "./codes";
export { validateDefinition, validateWidget, type ValidateOptions } from "./validate";
export { assertValid, formatIssue, formatIssues, FlowValidationError } from "./format";
