/**
 * What a widget writes under `widgets.NAME.*` once its step ends. `"value"` is a leaf Studio
 * documents; `"open"` is an object whose keys depend on the run (a Function's `parsed` JSON, a
 * TwiML Redirect's query parameters). Used by the builder for typed Liquid references and by the
 * validator to check them.
 */
export type OutputShape = { readonly [key: string]: "value" | "open" | OutputShape };
