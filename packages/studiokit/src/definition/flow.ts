import { z } from "zod";
import { conditionSchema } from "./condition";

export const transitionSchema = z.looseObject({
  event: z.string().min(1),
  /** Name of the widget to run next. Absent: the execution ends when this event happens. */
  next: z.string().optional(),
  /** Only on split-based-on `match` transitions. */
  conditions: z.array(conditionSchema).optional(),
});

/**
 * One widget ("state" in Studio's JSON). Properties are checked per widget type by the validator
 * (see `widgetSpecs`); here they are kept as they come so unknown widget types and properties
 * Studio adds survive a round trip untouched.
 */
export const stateSchema = z.looseObject({
  name: z.string().min(1),
  type: z.string().min(1),
  transitions: z.array(transitionSchema),
  properties: z.record(z.string(), z.unknown()),
});

export const flowSchemaUrl = "https://schemas.twilio.com/studio/draft/2019-09/flow-definition";

export const flagsSchema = z.looseObject({
  /** Lets one caller have several active incoming-call executions at once. */
  allow_concurrent_calls: z.boolean(),
});

export const flowDefinitionSchema = z.looseObject({
  description: z.string().optional(),
  states: z.array(stateSchema).min(1),
  initial_state: z.string().min(1),
  flags: flagsSchema.optional(),
  $schema: z.literal(flowSchemaUrl).optional(),
});

/**
 * The flow without looking into its states. With `stateSchema` on each state it checks what
 * `flowDefinitionSchema` checks, one state at a time: zod's copy of each state dies young instead
 * of a copy of the whole flow living through the parse (on 10,000 states, mostly GC time).
 */
export const flowEnvelopeSchema = flowDefinitionSchema.extend({ states: z.array(z.unknown()).min(1) });
