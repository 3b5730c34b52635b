import type * as pulumi from "@pulumi/pulumi";

/**
 * `T` with every value, at any depth, allowed to be a Pulumi input: a flow definition may carry
 * another flow's SID or a Function URL (an Output) in one widget property. Pulumi resolves nested
 * outputs when it sends a resource's inputs, so the provider always sees plain values.
 */
export type DeepInput<T> = pulumi.Input<
  T extends string | number | boolean | null | undefined
    ? T
    : T extends readonly (infer U)[]
      ? DeepInput<U>[]
      : T extends object
        ? { [K in keyof T]: DeepInput<T[K]> }
        : T
>;

/** Resource arguments: a plain object whose every property is a {@link DeepInput}. */
export type DeepInputs<T> = { [K in keyof T]: DeepInput<T[K]> };
