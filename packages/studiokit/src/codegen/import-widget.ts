import { type z } from "zod";
import { widgetSpecs, type State, type WidgetType } from "../definition";
import { camelCase, studioDefaults } from "../builder";
import { conditionCode } from "./import-conditions";
import { factoryName } from "./import-names";
import { propertyKey, type References } from "./import-values";

/** One widget of the generated module: its declaration, its wiring, and what it needs. */
export interface WidgetCode {
  readonly declaration: string;
  /** `.on(…)`/`.when(…)` calls after every widget is declared, or "" when nothing is wired. */
  readonly wiring: string;
  /** Builder names the code uses. */
  readonly imports: ReadonlySet<string>;
  /** Widgets whose typed references the declaration uses (they must be declared first). */
  readonly uses: ReadonlySet<string>;
  readonly warnings: readonly string[];
}

export interface WidgetContext {
  readonly refs: References;
  /** The const of each widget, by Studio name. */
  readonly ids: ReadonlyMap<string, string>;
}

const json = (value: unknown) => JSON.stringify(value);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function isOffset(value: unknown): value is { x: number; y: number } {
  if (typeof value !== "object" || value === null) return false;
  const keys = Object.keys(value).sort();
  const { x, y } = value as { x?: unknown; y?: unknown };
  return keys.join() === "x,y" && typeof x === "number" && typeof y === "number";
}

/** Why the typed factory cannot write this widget back exactly, or undefined when it can. */
function rawReason(state: State): string | undefined {
  if (!Object.hasOwn(widgetSpecs, state.type) || state.type === "trigger")
    return `studiokit has no factory for widget type "${state.type}"`;
  const spec = widgetSpecs[state.type as WidgetType];
  const legal: readonly string[] = spec.events;
  const events = state.transitions.map((t) => t.event);
  const illegal = events.find((e) => !legal.includes(e));
  if (illegal !== undefined) return `"${illegal}" is not an event of ${state.type}`;
  const plain = events.filter((e) => e !== "match");
  if (new Set(plain).size !== plain.length) return "an event is listed twice";
  const defaults: Readonly<Record<string, unknown>> =
    studioDefaults[state.type as keyof typeof studioDefaults] ?? {};
  for (const [key, schema] of Object.entries(spec.properties.shape as Record<string, z.ZodType>)) {
    if (key === "offset" || key in state.properties || key in defaults) continue;
    if (!schema.safeParse(undefined).success)
      return `it lacks "${key}", which the ${state.type} factory requires`;
  }
  return undefined;
}

function target(next: string | undefined, ctx: WidgetContext, warn: (m: string) => void, event: string) {
  if (next === undefined) return undefined;
  const id = ctx.ids.get(next);
  if (id === undefined)
    warn(`transition "${event}" goes to "${next}", which is not a widget of this flow; left unwired`);
  return id;
}

function transitionWarnings(state: State, warn: (m: string) => void): void {
  for (const t of state.transitions) {
    const extra = Object.keys(t).filter((k) => !["event", "next", "conditions"].includes(k));
    if (extra.length > 0)
      warn(`transition "${t.event}" has keys the builder does not write (${extra.join(", ")})`);
    if (t.next === "") warn(`transition "${t.event}" has an empty "next"; written without one`);
  }
  const extra = Object.keys(state).filter((k) => !["name", "type", "transitions", "properties"].includes(k));
  if (extra.length > 0) warn(`has keys the builder does not write (${extra.join(", ")})`);
}

/** `raw("name", "type", {…}, [events])`, wired with `.on(event, target)`. */
function rawWidget(state: State, id: string, reason: string, ctx: WidgetContext): WidgetCode {
  const warnings = [`written with raw(): ${reason}`];
  const warn = (m: string) => warnings.push(m);
  const { offset, ...rest } = state.properties;
  const properties = isOffset(offset) ? { ...rest, offset } : rest;
  if (offset !== undefined && !isOffset(offset)) warn("its offset is not { x, y }; left out");
  const events = [...new Set(state.transitions.map((t) => t.event))];
  if (events.length !== state.transitions.length) warn("an event is listed twice; written once");
  if (state.transitions.some((t) => t.conditions !== undefined)) warn("raw() does not write conditions");
  transitionWarnings(state, warn);
  const calls = state.transitions.flatMap((t) => {
    const to = target(t.next || undefined, ctx, warn, t.event);
    return to === undefined ? [] : [`.on(${json(t.event)}, ${to})`];
  });
  const uses = new Set<string>();
  return {
    declaration: `const ${id} = raw(${json(state.name)}, ${json(state.type)}, ${ctx.refs.value(properties, undefined, uses)}, ${json(events)});`,
    wiring: calls.length > 0 ? `${id}${calls.join("")};` : "",
    imports: new Set(["raw"]),
    uses,
    warnings,
  };
}

/** A widget through its typed factory: camelCase props, typed references, offset, events, extras. */
function typedWidget(state: State, id: string, ctx: WidgetContext): WidgetCode {
  const type = state.type as Exclude<WidgetType, "trigger">;
  const spec = widgetSpecs[type];
  const shape = spec.properties.shape as Record<string, z.ZodType>;
  const defaults: Readonly<Record<string, unknown>> =
    studioDefaults[type as keyof typeof studioDefaults] ?? {};
  const fillDefaults = Object.keys(defaults).every((k) => k in state.properties);
  const camelOwners = new Map<string, number>();
  for (const key of Object.keys(shape))
    camelOwners.set(camelCase(key), (camelOwners.get(camelCase(key)) ?? 0) + 1);

  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const uses = new Set<string>();
  const imports = new Set([factoryName(type)]);
  const props: string[] = [];
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state.properties)) {
    if (key === "offset") continue;
    const schema = shape[key];
    if (schema && camelOwners.get(camelCase(key)) === 1 && schema.safeParse(value).success) {
      if (fillDefaults && key in defaults && sameJson(value, defaults[key])) continue;
      props.push(`${propertyKey(camelCase(key))}: ${ctx.refs.value(value, schema, uses)}`);
    } else {
      if (schema)
        warn(
          `property "${key}" does not fit Studio's schema for ${type}; carried through in extraProperties`,
        );
      extra[key] = value;
    }
  }
  const offset = state.properties.offset;
  if (isOffset(offset)) props.push(`offset: { x: ${offset.x}, y: ${offset.y} }`);
  else
    warn(
      offset === undefined
        ? "has no offset; the compiler will place it"
        : "its offset is not { x, y }; left out",
    );
  if (Object.keys(extra).length > 0) props.push(`extraProperties: ${ctx.refs.value(extra, undefined, uses)}`);
  const plain = state.transitions.filter((t) => t.event !== "match").map((t) => t.event);
  if (
    !sameJson(
      plain,
      spec.events.filter((e) => e !== "match"),
    )
  )
    props.push(`events: ${json(plain)}`);
  if (!fillDefaults) props.push("fillDefaults: false");

  transitionWarnings(state, warn);
  const firstMatch = state.transitions.findIndex((t) => t.event === "match");
  if (firstMatch >= 0 && state.transitions.slice(firstMatch).some((t) => t.event !== "match"))
    warn("a match transition comes before another event; the builder writes match transitions last");
  const calls: string[] = [];
  for (const t of state.transitions) {
    const to = target(t.next || undefined, ctx, warn, t.event);
    if (t.event !== "match") {
      if (to !== undefined)
        calls.push(t.event === "noMatch" ? `.otherwise(${to})` : `.on(${json(t.event)}, ${to})`);
      continue;
    }
    const conditions = (t.conditions ?? []).map((c) => {
      const code = conditionCode(c, state.properties.input, ctx.refs, uses);
      imports.add(code.helper);
      if (code.warning) warn(code.warning);
      return code.code;
    });
    if (conditions.length === 0) {
      warn("a match transition has no condition; left out");
      continue;
    }
    if (to === undefined) imports.add("end");
    calls.push(
      `.when(${conditions.length === 1 ? conditions[0] : `[${conditions.join(", ")}]`}, ${to ?? "end"})`,
    );
  }
  const args = props.length > 0 ? `, { ${props.join(", ")} }` : "";
  return {
    declaration: `const ${id} = ${factoryName(type)}(${json(state.name)}${args});`,
    wiring: calls.length > 0 ? `${id}${calls.join("")};` : "",
    imports,
    uses,
    warnings,
  };
}

/** The generated code for one widget: through its typed factory when that writes it back exactly, else `raw()`. */
export function widgetCode(state: State, id: string, ctx: WidgetContext): WidgetCode {
  const reason = rawReason(state);
  return reason === undefined ? typedWidget(state, id, ctx) : rawWidget(state, id, reason, ctx);
}

/** Whether a widget is written through its typed factory (so it has typed references). */
export function isTyped(state: State): boolean {
  return rawReason(state) === undefined;
}
