import { defaultFlags, isTriggerEvent, triggerEvents } from "../definition";
import { type Offset, type TriggerEvent } from "../definition/types";
import { checkTarget, flowNodeKey, isWidgetLike, type FlowNode, type WidgetLike } from "./node";

/** A flow ready to compile: what `flow({...})` returns and a flow module default-exports. */
export interface Flow {
  readonly [flowNodeKey]: FlowNode;
  readonly description: string | undefined;
}

export interface FlowProps {
  /** The flow's description in Studio. @default omitted */
  readonly description?: string;
  /** What each trigger event starts with: `{ incomingMessage: greet, incomingCall: menu }`. Unwired events end the execution. */
  readonly on: { readonly [E in TriggerEvent]?: WidgetLike };
  /** @default { allowConcurrentCalls: true } (the console's default for new flows) */
  readonly flags?: { readonly allowConcurrentCalls: boolean };
  /**
   * The Trigger widget's name, canvas position and listed events (in order; events left out are
   * not written, and with a list the flow may leave every event unwired, as a new console flow does).
   * @default { name: "Trigger", offset: { x: 0, y: 0 }, events: every trigger event in Studio's order }
   */
  readonly trigger?: {
    readonly name?: string;
    readonly offset?: Offset;
    readonly events?: readonly TriggerEvent[];
  };
  /**
   * Widgets on the canvas that no transition from the trigger reaches. Studio keeps them (they never
   * run); the compiler writes them instead of reporting them unreachable. @default none
   */
  readonly detached?: readonly WidgetLike[];
}

/** Declares a flow: the trigger's wiring plus flow-level settings. */
export function flow(props: FlowProps): Flow {
  const triggerName = props.trigger?.name ?? "Trigger";
  const on: Array<readonly [string, WidgetLike]> = [];
  for (const [event, target] of Object.entries(props.on ?? {})) {
    if (!isTriggerEvent(event))
      throw new Error(
        `flow: the trigger has no event "${event}"; its events are ${triggerEvents.join(", ")}`,
      );
    if (target === undefined) continue;
    const checked = checkTarget(triggerName, event, target);
    if (!isWidgetLike(checked))
      throw new Error(`flow: trigger event "${event}" needs a widget; leave it out to end the execution`);
    on.push([event, checked]);
  }
  const listed = props.trigger?.events;
  if (listed === undefined && on.length === 0)
    throw new Error(`flow: wire at least one trigger event, e.g. flow({ on: { incomingMessage: greet } })`);
  const unlisted = listed && on.find(([event]) => !(listed as readonly string[]).includes(event));
  if (unlisted)
    throw new Error(`flow: trigger event "${unlisted[0]}" is wired but not in trigger.events; list it there`);
  const detached = (props.detached ?? []).map((widget, i) => {
    if (!isWidgetLike(widget)) throw new Error(`flow: detached[${i}] is not a widget object`);
    return widget;
  });
  const node: FlowNode = {
    description: props.description,
    triggerName,
    triggerOffset: props.trigger?.offset,
    triggerEvents: listed && [...new Set(listed)],
    detached,
    on,
    flags: {
      allow_concurrent_calls: props.flags?.allowConcurrentCalls ?? defaultFlags.allow_concurrent_calls,
    },
  };
  return Object.freeze({ [flowNodeKey]: node, description: props.description });
}

export function isFlow(value: unknown): value is Flow {
  return typeof value === "object" && value !== null && flowNodeKey in value;
}

export function flowNodeOf(value: Flow): FlowNode {
  return value[flowNodeKey];
}
