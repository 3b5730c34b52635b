import { type State } from "../definition";

/** A string inside a widget, located by its path from the state object. */
export interface StateString {
  readonly path: ReadonlyArray<string | number>;
  /**
   * What the string is called: its object key, or for an item of a `[{ key, value }]` list, the
   * item's `key` (so `{ key: "Authorization", value: "…" }` is named "Authorization").
   */
  readonly name: string;
  readonly value: string;
}

/** Depth-first over one value; `path` is a shared stack, copied only when a string is found. */
function walk(value: unknown, path: Array<string | number>, name: string, out: StateString[]): void {
  if (typeof value === "string") {
    out.push({ path: path.slice(), name, value });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], path, name, out);
      path.pop();
    }
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const itemKey = typeof record.key === "string" ? record.key : undefined;
    for (const key in record) {
      path.push(key);
      walk(record[key], path, key === "value" && itemKey !== undefined ? itemKey : key, out);
      path.pop();
    }
  }
}

/**
 * Every string Studio may render in a widget: its properties (recursively, kv lists included;
 * the canvas `offset` holds numbers only) and each split condition's `value` and `arguments`.
 */
export function stateStrings(state: State): StateString[] {
  const out: StateString[] = [];
  for (const key in state.properties) {
    if (key !== "offset") walk(state.properties[key], ["properties", key], key, out);
  }
  state.transitions.forEach((transition, t) => {
    transition.conditions?.forEach((condition, c) => {
      const at: Array<string | number> = ["transitions", t, "conditions", c];
      if (condition.value !== undefined) walk(condition.value, [...at, "value"], "value", out);
      walk(condition.arguments, [...at, "arguments"], "arguments", out);
    });
  });
  return out;
}
