import { z } from "zod";

/**
 * How long ended executions stay listable (docs/twilio-rest.md §5): at most `endedExecutions` of
 * them, none ended more than `days` ago on the emulator's clock. Active executions always stay.
 */
export const retentionSchema = z.strictObject({
  endedExecutions: z.number().int().min(0).default(10_000),
  days: z.number().min(0).default(30),
});
export type Retention = z.output<typeof retentionSchema>;
export type RetentionOptions = z.input<typeof retentionSchema>;
