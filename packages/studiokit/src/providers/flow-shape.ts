import {
  canonicalDefinition,
  canonicalState,
  defaultFlags,
  propertyDefaultsOf,
  sortKeysDeep,
  type FlowDefinition,
  type State,
} from "../definition";

// How a flow definition is held in Pulumi inputs and state. A dynamic provider cannot return a
// detailed diff, so the CLI shows the difference between old and new inputs property by property
// (docs/twilio-rest.md §14). States are therefore kept as a map keyed by widget name — a change
// shows as `widgets.send_message_2.properties.body`, never as a shifted array index — and the
// rest of the definition as `flow`. Both halves are canonical (Studio's key order, sorted keys
// elsewhere), so formatting and ordering never reach the state.
//
// Comparing, a property left out and the same property spelt as Studio's default are the same
// (the definition room's `propertyDefaults`, `defaultFlags`): each default is what Studio does
// when the key is absent, so treating them as equal is safe whether or not Studio's API adds
// them on write (UNCONFIRMED, docs/twilio-rest.md §15). The definition sent to Twilio is the
// author's, untouched.

/** One widget as stored: a state without its name (the name is the key). */
export type Widget = Pick<State, "type" | "transitions" | "properties"> & { readonly [key: string]: unknown };
export type Widgets = Record<string, Widget>;
/** The definition without its states: description, initial_state, flags and any other top-level key. */
export type FlowHeader = Pick<FlowDefinition, "description" | "initial_state" | "flags"> & {
  readonly [key: string]: unknown;
};

type Transition = Widget["transitions"][number];

export interface SplitDefinition {
  readonly flow: FlowHeader;
  readonly widgets: Widgets;
}

export function splitDefinition(definition: FlowDefinition): SplitDefinition {
  const { states, ...header } = definition;
  const widgets: Widgets = {};
  for (const name of states.map((s) => s.name).sort()) {
    const state = states.find((s) => s.name === name);
    if (state === undefined) continue;
    const { name: _name, ...widget } = canonicalState(state);
    widgets[name] = widget;
  }
  return { flow: sortKeysDeep(header) as FlowHeader, widgets };
}

/** Back to Studio's JSON (canonical: the initial state first, then the others by name). */
export function joinDefinition({ flow, widgets }: SplitDefinition): FlowDefinition {
  const states = Object.entries(widgets).map(([name, widget]) => ({ ...widget, name }));
  return canonicalDefinition({ ...flow, states });
}

/** Unwired events dropped, the rest grouped by event (order within an event — `match` — kept). */
function comparableTransitions(transitions: readonly Transition[]): Transition[] {
  const wired = transitions.filter(
    (t) => (t.next !== undefined && t.next !== "") || t.conditions !== undefined,
  );
  const events = [...new Set(wired.map((t) => t.event))].sort();
  return events.flatMap((event) => wired.filter((t) => t.event === event));
}

function comparableProperties(type: string, properties: Record<string, unknown>, withOffset: boolean) {
  const defaults = propertyDefaultsOf(type);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (key === "offset" && !withOffset) continue;
    if (key in defaults && JSON.stringify(defaults[key]) === JSON.stringify(value)) continue;
    out[key] = value;
  }
  return out;
}

function comparableWidget(widget: Widget, withOffset: boolean): string {
  const { transitions, properties, ...rest } = widget;
  return JSON.stringify(
    sortKeysDeep({
      ...rest,
      transitions: comparableTransitions(transitions),
      properties: comparableProperties(widget.type, properties, withOffset),
    }),
  );
}

function comparableHeader(flow: FlowHeader): string {
  const { flags, description, ...rest } = flow;
  return JSON.stringify(
    sortKeysDeep({ ...rest, flags: flags ?? defaultFlags, description: description ?? "" }),
  );
}

/**
 * Widgets whose behaviour differs between `before` and `after` (added, removed or changed), by
 * name. Canvas offsets count only where `after` states one: a definition that leaves layout out
 * does not manage it.
 */
export function changedWidgets(before: Widgets, after: Widgets): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names.filter((name) => {
    const a = before[name];
    const b = after[name];
    if (a === undefined || b === undefined) return true;
    const withOffset = b.properties["offset"] !== undefined;
    return comparableWidget(a, withOffset) !== comparableWidget(b, withOffset);
  });
}

/** True when the top-level parts (description, initial state, flags…) differ. */
export function flowHeaderChanged(before: FlowHeader, after: FlowHeader): boolean {
  return comparableHeader(before) !== comparableHeader(after);
}
