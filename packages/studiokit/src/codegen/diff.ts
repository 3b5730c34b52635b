import {
  canonicalDefinition,
  sortKeysDeep,
  type FlowDefinition,
  type Offset,
  type State,
} from "../definition";
import { conditionPhrase } from "./text";

/** One changed value; `undefined` on a side means the key is absent there. */
export interface ValueChange {
  readonly key: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** A transition whose target (or detail) changed; targets read `(end)` when the event is unwired. */
export interface TransitionChange {
  readonly label: string;
  readonly before?: string;
  readonly after?: string;
}

export interface WidgetChange {
  readonly name: string;
  readonly type: string;
  /** Set when the widget's type changed. */
  readonly previousType?: string;
  readonly properties: readonly ValueChange[];
  readonly transitions: readonly TransitionChange[];
}

export interface WidgetMove {
  readonly name: string;
  readonly before?: Offset;
  readonly after?: Offset;
}

/** What changed between two definitions, keyed by widget. */
export interface FlowDiff {
  readonly added: readonly State[];
  readonly removed: readonly State[];
  /** Same content under a new name; references to it that follow the rename are no change. */
  readonly renamed: readonly { readonly from: string; readonly to: string; readonly type: string }[];
  readonly changed: readonly WidgetChange[];
  /** Canvas offsets only: no effect on what the flow does. */
  readonly moved: readonly WidgetMove[];
  /** Top-level keys (`description`, `initial_state`, `flags`, …). */
  readonly flow: readonly ValueChange[];
}

export function isEmptyDiff(diff: FlowDiff): boolean {
  return [diff.added, diff.removed, diff.renamed, diff.changed, diff.moved, diff.flow].every(
    (list) => list.length === 0,
  );
}

const json = (value: unknown) => JSON.stringify(sortKeysDeep(value));
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Stands for a widget's own name, so a retry loop matches under the widget's new name. */
const self = "\u0000self";

const reference = (names: readonly string[]) =>
  new RegExp(`\\bwidgets\\.(${names.map(escapeRegExp).join("|")})(?![\\w-])`, "g");

/** Rewrites old names to new ones in `next` targets and `widgets.NAME` Liquid references. */
class Renames {
  readonly map = new Map<string, string>();
  private pattern: RegExp | undefined;

  add(from: string, to: string): void {
    this.map.set(from, to);
    this.pattern = undefined;
  }

  /** The name a target has now; `own` (a widget's own name) reads as `self`. */
  target(name: string | undefined, own?: string): string | undefined {
    if (name === undefined) return undefined;
    return name === own ? self : (this.map.get(name) ?? name);
  }

  /** A deep copy with references rewritten; references to `own` read as `self`. */
  value(value: unknown, own?: string): unknown {
    if (this.map.size === 0 && own === undefined) return value;
    const ownPattern = own === undefined ? undefined : reference([own]);
    const rewrite = (v: unknown): unknown => {
      if (typeof v === "string") {
        const text = ownPattern ? v.replace(ownPattern, `widgets.${self}`) : v;
        if (this.map.size === 0) return text;
        this.pattern ??= reference([...this.map.keys()]);
        return text.replace(this.pattern, (_m, name: string) => `widgets.${this.map.get(name) ?? name}`);
      }
      if (Array.isArray(v)) return v.map(rewrite);
      if (v !== null && typeof v === "object")
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x)]));
      return v;
    };
    return rewrite(value);
  }
}

const none = new Renames();

function withoutOffset(properties: Record<string, unknown>): Record<string, unknown> {
  const { offset: _offset, ...rest } = properties;
  return rest;
}

/** Everything about a widget except its name and canvas position, with old names rewritten. */
function content(state: State, renames: Renames, own?: string): string {
  const { name: _name, properties, transitions, ...rest } = state;
  return json({
    ...(renames.value(rest, own) as object),
    properties: renames.value(withoutOffset(properties), own),
    transitions: transitions.map((t) => ({
      ...(renames.value(t, own) as object),
      next: renames.target(t.next, own),
    })),
  });
}

const contentKey = (state: State, renames: Renames) => content(state, renames, state.name);

/** Pairs removed and added widgets whose content is equal once earlier pairs are renamed. */
function findRenames(removed: readonly State[], added: readonly State[]): Renames {
  const open = new Map<string, State[]>();
  for (const state of added) {
    const key = contentKey(state, none);
    open.set(key, [...(open.get(key) ?? []), state]);
  }
  const renames = new Renames();
  // A pair can make another pair's references agree, so repeat until a pass finds nothing new.
  for (let progress = true; progress;) {
    progress = false;
    for (const old of removed) {
      if (renames.map.has(old.name)) continue;
      const key = contentKey(old, renames);
      const match = open.get(key)?.shift();
      if (!match) continue;
      renames.add(old.name, match.name);
      progress = true;
    }
  }
  return renames;
}

interface Keyed {
  readonly key: string;
  readonly next: string | undefined;
  readonly detail: string;
}

/** Transitions keyed by event; a split's `match` transitions by their condition. */
function keyedTransitions(state: State, renames: Renames): Keyed[] {
  const seen = new Map<string, number>();
  return state.transitions.map((original) => {
    const t = renames.value(original) as State["transitions"][number];
    const base = t.event === "match" ? `match: ${conditionPhrase(t.conditions)}` : t.event;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const { next, event: _event, ...detail } = t;
    return {
      key: n === 1 ? base : `${base} (#${n})`,
      next: renames.target(next === "" ? undefined : next),
      detail: json(renames.value(detail)),
    };
  });
}

const end = (next: string | undefined) => next ?? "(end)";

function transitionChanges(old: State, now: State, renames: Renames): TransitionChange[] {
  const before = keyedTransitions(old, renames);
  const after = keyedTransitions(now, none);
  const afterByKey = new Map(after.map((t) => [t.key, t]));
  const beforeByKey = new Map(before.map((t) => [t.key, t]));
  const changes: TransitionChange[] = [];
  for (const b of before) {
    const a = afterByKey.get(b.key);
    if (!a) changes.push({ label: b.key, before: end(b.next) });
    else if (a.next !== b.next) changes.push({ label: b.key, before: end(b.next), after: end(a.next) });
    else if (a.detail !== b.detail)
      changes.push({ label: `${b.key} (details)`, before: b.detail, after: a.detail });
  }
  for (const a of after) if (!beforeByKey.has(a.key)) changes.push({ label: a.key, after: end(a.next) });
  const order = (list: Keyed[]) => list.filter((t) => t.key.startsWith("match")).map((t) => t.key);
  const commonBefore = order(before).filter((k) => afterByKey.has(k));
  const commonAfter = order(after).filter((k) => beforeByKey.has(k));
  if (json(commonBefore) !== json(commonAfter)) {
    changes.push({ label: "match order", before: commonBefore.join("; "), after: commonAfter.join("; ") });
  }
  return changes;
}

function valueChanges(old: Record<string, unknown>, now: Record<string, unknown>): ValueChange[] {
  const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])].sort();
  return keys
    .filter((key) => json(old[key]) !== json(now[key]))
    .map((key) => ({
      key,
      ...(old[key] !== undefined ? { before: old[key] } : {}),
      ...(now[key] !== undefined ? { after: now[key] } : {}),
    }));
}

function offsetOf(state: State): Offset | undefined {
  const offset = state.properties.offset;
  return offset !== null && typeof offset === "object" ? (offset as Offset) : undefined;
}

/**
 * The widget-level difference between two definitions. Both are taken in canonical form, so
 * formatting, key order and widget order never show up as changes.
 */
export function diffDefinitions(before: FlowDefinition, after: FlowDefinition): FlowDiff {
  const old = canonicalDefinition(before);
  const now = canonicalDefinition(after);
  const nowNames = new Set(now.states.map((s) => s.name));
  const oldNames = new Set(old.states.map((s) => s.name));
  const renames = findRenames(
    old.states.filter((s) => !nowNames.has(s.name)),
    now.states.filter((s) => !oldNames.has(s.name)),
  );
  const renamedTo = new Set(renames.map.values());
  const oldByNewName = new Map<string, State>();
  for (const state of old.states) oldByNewName.set(renames.target(state.name) ?? state.name, state);

  const changed: WidgetChange[] = [];
  const moved: WidgetMove[] = [];
  for (const state of now.states) {
    const previous = oldByNewName.get(state.name);
    if (!previous) continue;
    const properties = valueChanges(
      renames.value(withoutOffset(previous.properties)) as Record<string, unknown>,
      withoutOffset(state.properties),
    );
    const transitions = transitionChanges(previous, state, renames);
    const retyped = previous.type !== state.type;
    if (properties.length > 0 || transitions.length > 0 || retyped) {
      const type = {
        name: state.name,
        type: state.type,
        ...(retyped ? { previousType: previous.type } : {}),
      };
      changed.push({ ...type, properties, transitions });
    }
    const [a, b] = [offsetOf(previous), offsetOf(state)];
    if (json(a) !== json(b))
      moved.push({ name: state.name, ...(a ? { before: a } : {}), ...(b ? { after: b } : {}) });
  }

  const { states: _o, ...oldTop } = old;
  const { states: _n, ...nowTop } = now;
  return {
    added: now.states.filter((s) => !oldNames.has(s.name) && !renamedTo.has(s.name)),
    removed: old.states.filter((s) => !nowNames.has(s.name) && !renames.map.has(s.name)),
    renamed: now.states.flatMap((s) => {
      const from = [...renames.map].find(([, to]) => to === s.name)?.[0];
      return from === undefined ? [] : [{ from, to: s.name, type: s.type }];
    }),
    changed,
    moved,
    flow: valueChanges(
      { ...oldTop, initial_state: renames.target(oldTop.initial_state) },
      nowTop as Record<string, unknown>,
    ),
  };
}
