import { type OutputShape } from "../definition/types";

/** Where a reference keeps its Liquid expression; a symbol so it never collides with an output key. */
export const refExpression: unique symbol = Symbol.for("studiokit.ref.expression");

/**
 * A typed Liquid reference to a value in Studio's execution context, such as
 * `widgets.ask.inbound.Body`. It renders as `{{widgets.ask.inbound.Body}}` wherever a string is
 * expected: in widget props, in template strings, and through `String()`.
 */
export interface Ref {
  readonly [refExpression]: string;
  /** `{{expression}}` */
  toString(): string;
  /** A reference below this one, any depth: `fn.parsed.at("order", "id")` → `{{widgets.fn.parsed.order.id}}`. */
  at(...keys: Array<string | number>): OpenRef;
}

/**
 * A reference whose keys depend on the run (a Function's `parsed` JSON, `flow.variables`). Dot access
 * works at any depth (`fn.parsed.order.id`); under `noUncheckedIndexedAccess` TypeScript marks each
 * step possibly undefined, so use `.at("order", "id")` there.
 */
export type OpenRef = Ref & { readonly [key: string]: OpenRef };

/** Typed references for the keys of an output shape from the definition room's widget specs. */
export type RefChildren<S extends OutputShape> = {
  readonly [K in keyof S]: S[K] extends "value"
    ? Ref
    : S[K] extends "open"
      ? OpenRef
      : S[K] extends OutputShape
        ? RefTree<S[K]>
        : never;
};

/** A reference with typed children. */
export type RefTree<S extends OutputShape> = Ref & RefChildren<S>;

/** Typed references for a JSON shape the author declares, e.g. `runFunction<{ order: { id: string } }>`. */
export type JsonRef<T> = T extends object ? Ref & { readonly [K in keyof T]-?: JsonRef<T[K]> } : Ref;

/** Text Studio renders with Liquid: a plain string (Liquid allowed) or a typed reference. */
export type Text = string | Ref;

const identifier = /^[A-Za-z_]\w*$/;

/** `a.b`, `a[0]`, `a["x-y z"]`: Liquid's dot access where it can, bracket access otherwise. */
export function childExpression(parent: string, key: string | number): string {
  if (typeof key === "number" || /^\d+$/.test(key)) return `${parent}[${key}]`;
  return identifier.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

const members: Record<string, (expression: string) => unknown> = {
  toString: (e: string) => () => `{{${e}}}`,
  valueOf: (e: string) => () => `{{${e}}}`,
  toJSON: (e: string) => () => `{{${e}}}`,
  at:
    (e: string) =>
    (...keys: Array<string | number>) =>
      ref(keys.reduce<string>((acc, k) => childExpression(acc, k), e)),
};

const handler: ProxyHandler<{ [refExpression]: string }> = {
  get(target, key) {
    const expression = target[refExpression];
    if (key === refExpression) return expression;
    if (key === Symbol.toPrimitive) return () => `{{${expression}}}`;
    if (typeof key === "symbol" || key === "then") return undefined;
    const member = members[key];
    return member ? member(expression) : ref(childExpression(expression, key));
  },
  has(target, key) {
    return key === refExpression || key in target;
  },
};

/** A reference to any Liquid expression. Typed views (`RefTree`, `JsonRef`) are the same object. */
export function ref(expression: string): OpenRef {
  return new Proxy({ [refExpression]: expression }, handler) as unknown as OpenRef;
}

export function isRef(value: unknown): value is Ref {
  return typeof value === "object" && value !== null && refExpression in value;
}

/** The Liquid expression inside a reference, without braces: `widgets.ask.inbound.Body`. */
export function expressionOf(value: Ref): string {
  return value[refExpression];
}

/** Renders text (a string or a reference) as the string Studio stores. */
export function renderText(value: Text): string {
  return typeof value === "string" ? value : `{{${value[refExpression]}}}`;
}

/**
 * A tagged template for Liquid text: `liquid\`Hi ${ask.inbound.Body}\`` → `"Hi {{widgets.ask.inbound.Body}}"`.
 * Plain template strings give the same result; the tag only restricts what may be interpolated.
 */
export function liquid(strings: TemplateStringsArray, ...values: Array<Text | number | boolean>): string {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += (typeof value === "object" ? renderText(value) : String(value)) + (strings[i + 1] ?? "");
  });
  return out;
}
