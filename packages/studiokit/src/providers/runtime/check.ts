import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { formatPath } from "../../definition";
import { containsUnknown } from "./provider";

/**
 * `check` for a resource whose inputs are described by one zod schema: failures name the
 * property, the parsed (defaulted, normalised) value becomes the stored inputs. Inputs that hold
 * values not known yet (preview) pass through and are checked again when known.
 */
export function checkInputs<T extends z.ZodType>(
  schema: T,
  news: unknown,
): pulumi.dynamic.CheckResult<z.output<T>> {
  if (containsUnknown(news)) return { inputs: news as z.output<T> };
  const result = schema.safeParse(news);
  if (result.success) return { inputs: result.data };
  return {
    failures: result.error.issues.map((issue) => ({
      property: formatPath(issue.path),
      reason: issue.message,
    })),
  };
}

/** Canonical JSON text for comparing values whose key order means nothing. */
export function sameValue(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/**
 * Properties the program declares (defined in `news`) whose value differs from the state. A
 * property left out is not managed: Twilio keeps or defaults it, and it never causes an update.
 */
export function changedDeclared<T extends object>(
  olds: Partial<T>,
  news: Partial<T>,
  keys: readonly (keyof T)[],
) {
  return keys.filter((key) => news[key] !== undefined && !sameValue(olds[key], news[key]));
}

/** Create-only properties whose value changed (declared or not): these replace the resource. */
export function changedCreateOnly<T extends object>(
  olds: Partial<T>,
  news: Partial<T>,
  keys: readonly (keyof T)[],
) {
  return keys.filter((key) => !sameValue(olds[key], news[key])).map(String);
}

/** The object without its undefined properties: twilio-node sends every key it is given. */
export function compact<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Outputs in the program's terms: the identity keys always, and of the rest only what the
 * program declares (`declared`: its inputs, or the state a refresh starts from), with Twilio's
 * live values. What Twilio fills in by itself (a default service SID, `state: active`) thus never
 * reaches the inputs a refresh returns, and never shows in a later preview. An import (nothing
 * declared yet) takes everything.
 */
export function declaredView<T extends object>(
  live: T,
  declared: object | undefined,
  always: readonly (keyof T)[],
): T {
  if (declared === undefined) return live;
  const keep = new Set<PropertyKey>([...always, ...Object.keys(declared)]);
  return Object.fromEntries(Object.entries(live).filter(([key]) => keep.has(key))) as T;
}
