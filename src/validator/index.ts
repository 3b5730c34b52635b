export { validationIssueSchema, severitySchema, type ValidationIssue, type Severity } from "./issue";
export { validateDefinition } from "./validate";
