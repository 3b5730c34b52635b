import { type Condition, type State } from "../definition/types";

/** What a transition without conditions has (shared: no empty array per transition). */
export const noConditions: readonly Condition[] = [];

/**
 * Called for each string of a widget. `path` (from the state object) is a shared stack, valid
 * only during the call; `name` is the string's object key or, for an item of a `[{ key, value }]`
 * list, the item's `key` (so `{ key: "Authorization", value: "…" }` is named "Authorization").
 */
export type StringVisitor = (path: ReadonlyArray<string | number>, name: string, value: string) => void;

function walk(value: unknown, path: Array<string | number>, name: string, visit: StringVisitor): void {
  if (typeof value === "string") {
    visit(path, name, value);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], path, name, visit);
      path.pop();
    }
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const itemKey = typeof record.key === "string" ? record.key : undefined;
    for (const key in record) {
      path.push(key);
      walk(record[key], path, key === "value" && itemKey !== undefined ? itemKey : key, visit);
      path.pop();
    }
  }
}

/**
 * The path stack every walk uses: visitors read it only during their call, and walks do not nest.
 * Pushes and pops only (emptied by pops, never by `length = 0`, which gives back the storage).
 */
const stack: Array<string | number> = [];

/**
 * Visits every string Studio may render in a widget: its properties (recursively, kv lists
 * included; the canvas `offset` holds numbers only) and each split condition's `value` and
 * `arguments`. Nothing is collected and no closure is made, so a 10,000-widget flow leaves
 * no garbage behind.
 */
export function forEachString(state: State, visit: StringVisitor): void {
  const path = stack;
  if (path.length > 0) path.length = 0; // a visitor threw during the last walk
  path.push("properties");
  for (const key in state.properties) {
    if (key === "offset") continue;
    path.push(key);
    walk(state.properties[key], path, key, visit);
    path.pop();
  }
  path.pop();
  const { transitions } = state;
  for (let t = 0; t < transitions.length; t++) {
    const conditions = transitions[t]!.conditions ?? noConditions;
    for (let c = 0; c < conditions.length; c++) {
      const condition = conditions[c]!;
      path.push("transitions", t, "conditions", c, "value");
      if (condition.value !== undefined) walk(condition.value, path, "value", visit);
      path[4] = "arguments";
      walk(condition.arguments, path, "arguments", visit);
      for (let k = 0; k < 5; k++) path.pop();
    }
  }
}
