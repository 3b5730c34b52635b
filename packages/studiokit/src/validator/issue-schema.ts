import { z } from "zod";
import { issueCodeList } from "./codes";

/**
 * The validator's narrow door for the schema of an issue (ValidationIssue, in issue-types.ts, is
 * what it parses to): the door's declarations stay free of zod's.
 */
export const severitySchema = z.enum(["error", "warning"]);

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
