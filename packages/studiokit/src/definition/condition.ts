import { z } from "zod";
import { type ConditionType } from "./types";

/** The 17 condition types of Split Based On, spelt as Studio writes them. */
export const conditionTypes = [
  "equal_to",
  "not_equal_to",
  "matches_any_of",
  "does_not_match_any_of",
  "is_blank",
  "is_not_blank",
  "regex",
  "contains",
  "does_not_contain",
  "starts_with",
  "does_not_start_with",
  "less_than",
  "greater_than",
  "is_before_time",
  "is_after_time",
  "is_before_date",
  "is_after_date",
] as const;

export const conditionTypeSchema = z.enum(conditionTypes);

/** Condition types whose `value` may be absent (exports in the wild omit it). */
export const valuelessConditionTypes: ReadonlySet<ConditionType> = new Set(["is_blank", "is_not_blank"]);

export const conditionSchema = z.looseObject({
  friendly_name: z.string(),
  /** Every console export repeats the split's `input` expression here as the only item. */
  arguments: z.array(z.string()),
  type: conditionTypeSchema,
  value: z.string().optional(),
});
