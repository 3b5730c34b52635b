import { z } from "zod";

/** Canvas position in the Studio editor. No runtime meaning. */
export const offsetSchema = z.looseObject({ x: z.number(), y: z.number() });

/** Studio's `[{ key, value }]` lists (HTTP parameters, Function parameters, Set Variables…). */
export const keyValueSchema = z.looseObject({ key: z.string(), value: z.string() });
export type KeyValue = z.infer<typeof keyValueSchema>;

/**
 * A string Studio renders with Liquid before the widget runs. Same JSON type as a plain string;
 * the alias documents intent and is what the validator parses for Liquid syntax.
 */
export const liquidString = () => z.string();

/** True when the text holds Liquid markup (`{{ … }}` or `{% … %}`): Studio renders it at run time. */
export function hasLiquid(text: string): boolean {
  return text.includes("{{") || text.includes("{%");
}

/**
 * Studio exports some numbers as strings (`"timeout": "3600"`). The schema keeps the JSON type
 * Studio writes, so a round trip through studiokit never changes a value's type.
 */
export const numericString = () =>
  z.string().regex(/^\s*-?\d+(\.\d+)?\s*$|\{\{|\{%/, 'a number written as a string, such as "3600"');

/** `"true"` / `"false"` written as strings, as Studio does for a few voice properties. */
export const booleanString = () => z.enum(["true", "false"]);
