import { type FlowDefinition, type State, type Transition } from "./types";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys Studio writes first, in its own order; any other key follows alphabetically. */
const leadingKeys: Record<string, readonly string[]> = {
  flow: ["description", "states", "initial_state", "flags"],
  state: ["name", "type", "transitions", "properties"],
  transition: ["next", "event", "conditions"],
  condition: ["friendly_name", "arguments", "type", "value"],
};

/**
 * `keys.sort()`, in place, for the handful of keys of one JSON object. An engine's sort allocates
 * working storage on every call: compiling a 10,000-widget flow sorts ~100,000 small key lists,
 * and those allocations were a quarter of compile's garbage. Long lists take the built-in sort.
 */
export function sortKeyList(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}

function orderKeys(value: Record<string, unknown>, leading: readonly string[]): string[] {
  const rest = sortKeyList(Object.keys(value).filter((k) => !leading.includes(k)));
  return [...leading.filter((k) => k in value && value[k] !== undefined), ...rest];
}

/** Deep copy with object keys sorted; array order is meaning (transitions, conditions) and is kept. */
export function sortKeysDeep(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === "object") {
    const out: Record<string, Json> = {};
    for (const key of sortKeyList(Object.keys(value))) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeysDeep(v);
    }
    return out;
  }
  return value as Json;
}

function ordered(
  value: Record<string, unknown>,
  kind: keyof typeof leadingKeys,
  map: (key: string, v: unknown) => unknown,
) {
  const out: Record<string, unknown> = {};
  for (const key of orderKeys(value, leadingKeys[kind] ?? [])) out[key] = map(key, value[key]);
  return out;
}

function canonicalTransition(transition: Transition): Transition {
  return ordered(transition, "transition", (key, v) =>
    key === "conditions" && Array.isArray(v)
      ? v.map((c: Record<string, unknown>) => ordered(c, "condition", (_k, cv) => sortKeysDeep(cv)))
      : sortKeysDeep(v),
  ) as Transition;
}

export function canonicalState(state: State): State {
  return ordered(state, "state", (key, v) =>
    key === "transitions" ? (v as Transition[]).map(canonicalTransition) : sortKeysDeep(v),
  ) as State;
}

/**
 * The canonical form of a definition: the initial state first, the others by name (the order the
 * Studio console exports), Studio's key order for flow/state/transition/condition objects and
 * sorted keys elsewhere. Two definitions that differ only in formatting or ordering have the
 * same canonical JSON text.
 */
export function canonicalDefinition(definition: FlowDefinition): FlowDefinition {
  const states = [...definition.states].sort((a, b) => {
    if (a.name === definition.initial_state) return -1;
    if (b.name === definition.initial_state) return 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  return ordered({ ...definition, states }, "flow", (key, v) =>
    key === "states" ? (v as State[]).map(canonicalState) : sortKeysDeep(v),
  ) as FlowDefinition;
}

/** Canonical JSON text, two-space indented, newline-terminated: byte-identical for equal flows. */
export function canonicalJson(definition: FlowDefinition): string {
  return `${JSON.stringify(canonicalDefinition(definition), null, 2)}\n`;
}
