import { type Condition, type Offset } from "../definition/types";

/**
 * Internal state of a widget object, read by the compiler. Kept under a `Symbol.for` key (not in a
 * WeakMap) so a flow built by another copy of this module (a flow file loaded through ts-node
 * while the CLI runs under vitest) still compiles.
 */
export const widgetNodeKey: unique symbol = Symbol.for("studiokit.widget.node");
export const flowNodeKey: unique symbol = Symbol.for("studiokit.flow.node");

/** The target of a transition: a widget, or `end` (the execution ends on that event). */
export interface WidgetLike {
  readonly [widgetNodeKey]: WidgetNode;
  readonly name: string;
  readonly type: string;
}

/** The explicit "end the execution" target, for match transitions that go nowhere. */
export interface End {
  readonly end: true;
}
export const end: End = Object.freeze({ end: true });
export type Target = WidgetLike | End;

export interface MatchNode {
  readonly conditions: readonly Condition[];
  readonly target: Target;
}

export interface IncomingLink {
  readonly from: WidgetLike;
  readonly event: string;
}

export interface WidgetNode {
  readonly name: string;
  readonly type: string;
  /** Studio properties as the author gave them (defaults and offset are added by the compiler). */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Every legal event, in Studio's order; `match` is absent for splits (see `matches`). */
  readonly events: readonly string[];
  readonly offset: Offset | undefined;
  /** Whether the compiler fills in Studio's default properties (`studioDefaults`) this widget lacks. */
  readonly fillDefaults: boolean;
  /** `targets[i]` is where `events[i]` leads (undefined: unwired). An array, not a Map: compact for big flows. */
  readonly targets: Array<Target | undefined>;
  /** Split Based On only: match transitions in the order written. */
  readonly matches: MatchNode[];
  /** Who points here; lets the compiler name widgets wired into the flow but reached from nowhere. */
  readonly incoming: IncomingLink[];
  /**
   * Scratch written by the compiler's walk alone: which walk last reached this widget, and its
   * index in that walk. (A Map from 10,000 nodes to their indices cost more than the rest of the
   * walk; these live in the node, which the walk reads anyway.)
   */
  walkId: number;
  walkIndex: number;
}

export interface FlowNode {
  readonly description: string | undefined;
  readonly triggerName: string;
  readonly triggerOffset: Offset | undefined;
  readonly on: ReadonlyArray<readonly [event: string, target: WidgetLike]>;
  /** The trigger's transitions in order; undefined: every trigger event in Studio's order. */
  readonly triggerEvents: readonly string[] | undefined;
  /** Widgets on the canvas that no transition from the trigger reaches (imported flows keep them). */
  readonly detached: readonly WidgetLike[];
  readonly flags: { readonly allow_concurrent_calls: boolean };
}

export function isWidgetLike(value: unknown): value is WidgetLike {
  return typeof value === "object" && value !== null && widgetNodeKey in value;
}

export function isEnd(value: unknown): value is End {
  return value === end || (typeof value === "object" && value !== null && (value as End).end === true);
}

export function nodeOf(widget: WidgetLike): WidgetNode {
  return widget[widgetNodeKey];
}

/** Eager misuse checks, thrown where the author wrote the call. */
export function checkTarget(from: string, event: string, target: unknown): Target {
  if (isWidgetLike(target) || isEnd(target)) return target;
  const given = typeof target === "string" ? `the string "${target}"` : String(target);
  throw new Error(
    `widget "${from}": transition "${event}" was given ${given}; targets are widget objects (or end), not names`,
  );
}

export function link(from: WidgetLike, event: string, target: Target): void {
  if (isWidgetLike(target)) nodeOf(target).incoming.push({ from, event });
}

/**
 * The widgets made while `recordWidgets` runs. Kept on a `Symbol.for` global, like the nodes, so a
 * flow module that loads another copy of the builder is recorded too.
 */
const recordings: WidgetLike[][] = ((globalThis as { [key: symbol]: WidgetLike[][] | undefined })[
  Symbol.for("studiokit.widget.recordings")
] ??= []);

/** Called for every widget object made. */
export function recordMade(widget: WidgetLike): void {
  for (const recording of recordings) recording.push(widget);
}

/**
 * Runs `load` (a flow module's evaluation) and returns what it returned and every widget object
 * made meanwhile: the compiler names the ones nothing leads to when another widget reads them.
 */
export function recordWidgets<T>(load: () => T): { readonly value: T; readonly made: readonly WidgetLike[] } {
  const made: WidgetLike[] = [];
  recordings.push(made);
  try {
    return { value: load(), made };
  } finally {
    recordings.splice(recordings.indexOf(made), 1);
  }
}
