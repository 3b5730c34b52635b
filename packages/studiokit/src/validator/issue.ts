import { z } from "zod";

export const severitySchema = z.enum(["error", "warning"]);
export type Severity = z.infer<typeof severitySchema>;

/** One problem the validator found, as data. `path` is a JSON path such as `states[3].properties.timeout`. */
export const validationIssueSchema = z.object({
  code: z.string(),
  severity: severitySchema,
  path: z.string(),
  widget: z.string().optional(),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof validationIssueSchema>;
