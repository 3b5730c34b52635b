import { type z } from "zod";
import { consoleDefaults, widgetSpecs } from "../definition";
import { type ConsoleDefaults, type Offset, type WidgetType } from "../definition/types";
import { type WidgetProperties } from "./derived-props";
import { isRef, renderText } from "./ref";
import { type WidgetPropsByType } from "./widget-props";

/**
 * What Studio's console writes into a new widget (the definition room's `consoleDefaults`): the
 * compiler fills them in; a key listed here is optional in the builder's props even when Studio
 * requires it.
 */
export const studioDefaults: ConsoleDefaults = consoleDefaults;

/**
 * Properties Studio stores as numbers written as strings (`"timeout": "3600"`); the builder also
 * accepts a number there and writes it as Studio does. A test checks this table against the schemas.
 */
export const numericStringProperties = {
  "send-and-wait-for-reply": ["timeout"],
  "send-to-flex": ["priority", "timeout"],
  "create-task": ["priority", "timeout"],
  "add-twiml-redirect": ["timeout"],
  "make-outgoing-call-v1": [
    "machine_detection_timeout",
    "machine_detection_speech_threshold",
    "machine_detection_speech_end_threshold",
    "machine_detection_silence_timeout",
  ],
  "make-outgoing-call-v2": [
    "machine_detection_timeout",
    "machine_detection_speech_threshold",
    "machine_detection_speech_end_threshold",
    "machine_detection_silence_timeout",
  ],
} as const satisfies { readonly [T in WidgetType]?: ReadonlyArray<keyof WidgetProperties<T>> };

/** `content_sid` → `contentSid`; Studio's own camelCase keys (`waitUrl`) stay as they are. */
export type CamelCase<K extends string> = K extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : K;

/** Options every widget factory takes besides its own properties. */
export interface CommonProps {
  /** Canvas position in the Studio editor. @default laid out by the compiler */
  readonly offset?: Offset;
  /**
   * Properties Studio writes that studiokit does not model, passed through verbatim (imported
   * flows keep them this way). @default none
   */
  readonly extraProperties?: Readonly<Record<string, unknown>>;
  /**
   * The transitions Studio lists for this widget, in this order; events left out are not written.
   * Imported flows keep the console's list this way. @default every legal event, in Studio's order
   */
  readonly events?: readonly string[];
  /**
   * `false`: the compiler fills in none of Studio's default properties (`studioDefaults`) this
   * widget lacks, as for an imported widget that has none. @default true
   */
  readonly fillDefaults?: boolean;
}

/**
 * A widget factory's props: the widget's Studio properties in camelCase, strings accepting typed
 * references, keys Studio fills in by default made optional. The generated interfaces in
 * widget-props.ts carry the same keys and types plus the schemas' TSDoc; a type test keeps the two equal.
 */
export type WidgetProps<T extends Exclude<WidgetType, "trigger">> = WidgetPropsByType[T];

export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Props every factory takes that are not Studio properties. */
const commonProps: ReadonlySet<string> = new Set(["offset", "extraProperties", "events", "fillDefaults"]);

const keyMaps = new Map<string, Map<string, string>>();

/** camelCase prop name → Studio's key, for one widget type. */
function keyMap(type: WidgetType): Map<string, string> {
  let map = keyMaps.get(type);
  if (!map) {
    map = new Map(Object.keys(widgetSpecs[type].properties.shape).map((k) => [camelCase(k), k]));
    keyMaps.set(type, map);
  }
  return map;
}

/** Deep copy with references rendered as Liquid text (undefined members left out, as JSON would). */
export function renderValue(value: unknown): unknown {
  if (typeof value === "string") return value;
  if (isRef(value)) return renderText(value);
  if (Array.isArray(value)) return value.map(renderValue);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = renderValue(v);
    return out;
  }
  return value;
}

/** Numbers and booleans where Studio writes strings (`"3600"`, `"true"`) become those strings. */
function studioScalar(type: WidgetType, key: string, value: unknown): unknown {
  if (typeof value !== "number" && typeof value !== "boolean") return value;
  const schema = (widgetSpecs[type].properties.shape as Record<string, z.ZodType | undefined>)[key];
  if (!schema || schema.safeParse(value).success) return value;
  return schema.safeParse(String(value)).success ? String(value) : value;
}

/**
 * Turns builder props into Studio's `properties` (without defaults or offset): camelCase keys become
 * Studio's keys, references become Liquid text. An unknown key throws at once, naming the widget.
 */
export function toStudioProperties(
  type: WidgetType,
  name: string,
  props: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const keys = keyMap(type);
  const out: Record<string, unknown> = {};
  for (const [prop, value] of Object.entries(props)) {
    if (commonProps.has(prop) || value === undefined) continue;
    const key = keys.get(prop);
    if (key === undefined) {
      const known = [...keys.keys()].filter((k) => k !== "offset").join(", ");
      throw new Error(
        `${type} "${name}": unknown prop "${prop}"; ${type} takes ${known || "no props"} (extraProperties passes others through)`,
      );
    }
    out[key] = studioScalar(type, key, renderValue(value));
  }
  if (props["extraProperties"]) Object.assign(out, renderValue(props["extraProperties"]));
  return out;
}
