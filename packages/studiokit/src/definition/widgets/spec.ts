import { z } from "zod";
import { offsetSchema } from "../common";
import { type OutputShape } from "../output-shape";

export type Channel = "messaging" | "voice" | "any";

export interface WidgetSpec<
  Type extends string = string,
  Shape extends z.ZodRawShape = z.ZodRawShape,
  Events extends readonly string[] = readonly string[],
  Outputs extends OutputShape = OutputShape,
  Open extends boolean = boolean,
> {
  readonly type: Type;
  /** The widget's `properties` object; unknown keys are kept (Studio adds some we do not model). */
  readonly properties: z.ZodObject<Shape & { offset: z.ZodOptional<typeof offsetSchema> }, z.core.$loose>;
  /** Legal `transitions[].event` names, spelt as Studio spells them. */
  readonly events: Events;
  readonly outputs: Outputs;
  /**
   * The keys under `widgets.NAME` are the run's, beside `outputs`: Run Subflow writes the
   * Subflow's `flow.variables` there, TwiML Redirect the parameters of the return URL
   * (docs/studio-behaviour.md §2).
   */
  readonly openOutputs: Open;
  /** The kind of execution the widget makes sense in: Say/Play needs a call. */
  readonly channel: Channel;
  /** The widget's name in the Studio console, for messages a flow author recognises. */
  readonly label: string;
}

export function defineWidget<
  const Type extends string,
  Shape extends z.ZodRawShape,
  const Events extends readonly string[],
  const Outputs extends OutputShape,
  const Open extends boolean = false,
>(spec: {
  type: Type;
  label: string;
  channel: Channel;
  properties: Shape;
  events: Events;
  outputs: Outputs;
  openOutputs?: Open;
}): WidgetSpec<Type, Shape, Events, Outputs, Open> {
  return {
    type: spec.type,
    label: spec.label,
    channel: spec.channel,
    properties: z.looseObject({ ...spec.properties, offset: offsetSchema.optional() }),
    events: spec.events,
    outputs: spec.outputs,
    openOutputs: spec.openOutputs ?? (false as Open),
  };
}

/** Call-status parameters that every voice widget's context carries (from Twilio's voice webhook). */
export const callParams = {
  AccountSid: "value",
  ApiVersion: "value",
  CallSid: "value",
  CallStatus: "value",
  Called: "value",
  Caller: "value",
  Direction: "value",
  From: "value",
  To: "value",
} as const;
