import { z } from "zod";
import { contextShapes, type OutputShape, type WidgetType, widgetSpecs } from "../definition";

/** A key as written in an object literal: bare where it can be, quoted otherwise. */
export function propertyKey(key: string): string {
  if (key === "__proto__") return `["__proto__"]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

/** Whether a value at this schema position is typed `Text` in the builder (a plain string). */
function isText(schema: z.ZodType | undefined): boolean {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s instanceof z.ZodString;
}

function childSchema(schema: z.ZodType | undefined, key: string | number): z.ZodType | undefined {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  if (typeof key === "number") return s instanceof z.ZodArray ? (s.element as z.ZodType) : undefined;
  return s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>)[key] : undefined;
}

/** A widget's typed references: its const name and what it writes (undefined for raw widgets). */
export interface WidgetRefTarget {
  readonly identifier: string;
  readonly outputs: OutputShape | undefined;
  /** Its keys are the run's (Run Subflow, TwiML Redirect): unknown keys go through `.at(…)`. */
  readonly open?: boolean;
}

/**
 * Turns `{{widgets.ask.inbound.Body}}` into `ask.inbound.Body` when the builder would render that
 * exact text back; `use` records the widgets a declaration depends on.
 */
export class References {
  /** The builder's context roots (`trigger`, `flowContext`, `contact`) the code used. */
  readonly roots = new Set<string>();

  constructor(
    private readonly widgets: ReadonlyMap<string, WidgetRefTarget>,
    private readonly usable: (name: string) => boolean,
  ) {}

  /** Builder code for a template that is exactly one reference, or undefined. */
  code(template: string, use: Set<string>): string | undefined {
    const match = /^\{\{([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*)\}\}$/.exec(
      template,
    );
    if (!match) return undefined;
    const keys = parseKeys(match[2] ?? "");
    if (!keys) return undefined;
    const root = match[1]!;
    if (root === "widgets") {
      const [name, ...rest] = keys;
      if (typeof name !== "string" || rest.length === 0) return undefined;
      const target = this.widgets.get(name);
      if (!target?.outputs || !this.usable(name)) return undefined;
      const code =
        walk(target.identifier, target.outputs, rest) ??
        (target.open ? `${target.identifier}${atCall(rest)}` : undefined);
      if (code !== undefined) use.add(name);
      return code;
    }
    const roots = { trigger: "trigger", flow: "flowContext", contact: "contact" } as const;
    if (!(root in roots) || keys.length === 0) return undefined;
    const name = root as keyof typeof roots;
    const code = walk(roots[name], contextShapes[name], keys);
    if (code !== undefined) this.roots.add(roots[name]);
    return code;
  }

  /** A value as a TypeScript expression; exact references become typed ones where the schema takes Text. */
  value(value: unknown, schema: z.ZodType | undefined, use: Set<string>): string {
    if (typeof value === "string") return (isText(schema) && this.code(value, use)) || JSON.stringify(value);
    if (Array.isArray(value))
      return `[${value.map((v, i) => this.value(v, childSchema(schema, i), use)).join(", ")}]`;
    if (value !== null && typeof value === "object") {
      const entries = Object.entries(value).map(
        ([k, v]) => `${propertyKey(k)}: ${this.value(v, childSchema(schema, k), use)}`,
      );
      return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
    }
    return JSON.stringify(value);
  }
}

/** `.a[0]["b c"]` → ["a", 0, "b c"], or undefined when the builder would spell it differently. */
function parseKeys(path: string): Array<string | number> | undefined {
  const keys: Array<string | number> = [];
  for (const [, ident, index, quoted] of path.matchAll(
    /\.([A-Za-z_]\w*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g,
  )) {
    if (ident !== undefined) keys.push(ident);
    else if (index !== undefined) keys.push(Number(index));
    else {
      const key = JSON.parse(quoted!) as string;
      // The builder writes identifiers with a dot and digit strings as indexes.
      if (/^[A-Za-z_]\w*$/.test(key) || /^\d+$/.test(key) || JSON.stringify(key) !== quoted) return undefined;
      keys.push(key);
    }
  }
  return keys;
}

const accessor = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
const atCall = (keys: ReadonlyArray<string | number>) =>
  `.at(${keys.map((k) => (typeof k === "number" ? String(k) : JSON.stringify(k))).join(", ")})`;

/**
 * Typed access along an output shape; keys the shape does not name continue through `.at(…)`,
 * which only a reference has (so not directly on a widget or a context root).
 */
function walk(code: string, shape: OutputShape, keys: ReadonlyArray<string | number>): string | undefined {
  let out = code;
  let current: OutputShape | "value" | "open" = shape;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i]!;
    const known = typeof current === "object" && typeof key === "string" && Object.hasOwn(current, key);
    if (!known) return i === 0 ? undefined : `${out}${atCall(keys.slice(i))}`;
    out += accessor(key as string);
    current = (current as OutputShape)[key as string]!;
  }
  return out;
}

/** The outputs of a known widget type, for typed references to it. */
export function outputsOf(type: string): OutputShape | undefined {
  return Object.hasOwn(widgetSpecs, type) ? widgetSpecs[type as WidgetType].outputs : undefined;
}

/** Whether a known widget type's keys are the run's (`.at(…)` reaches them). */
export const hasOpenOutputs = (type: string): boolean =>
  Object.hasOwn(widgetSpecs, type) && widgetSpecs[type as WidgetType].openOutputs;
