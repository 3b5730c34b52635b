import * as pulumi from "@pulumi/pulumi";
import { compile, isCompileError, isFlow, type Flow } from "../compiler";
import { type FlowDefinition } from "../definition";
import { formatIssues } from "../validator";
import { type DeepInput } from "./inputs";

/**
 * What a flow resource accepts as its flow: a builder flow (`flow({...})`, compiled here) or
 * Studio's definition JSON, in which any value may be a Pulumi input (another flow's SID in a
 * run-subflow widget, a Function URL from stack config). A builder flow whose props need such
 * values is made inside {@link flowWith}: builder props take plain strings.
 */
export type FlowSource = DeepInput<FlowDefinition> | Flow;

const isPlainObject = (value: object) => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * ── THE ONE PLACE BUILDER FLOWS ARE COMPILED ──
 * A builder flow must be compiled before it becomes an input: Pulumi copies the objects it
 * resolves key by key, which drops the flow's symbol-keyed node, so it is compiled here, on the
 * flow object itself. A flow that does not compile stops the program with one line per error
 * (a RunError: the CLI shows it without a stack trace).
 */
function compileIfFlow(source: unknown, where: string): unknown {
  if (isFlow(source)) {
    try {
      return compile(source);
    } catch (error) {
      if (!isCompileError(error)) throw error;
      const errors = error.issues.filter((issue) => issue.severity === "error");
      throw new pulumi.RunError(
        `${where}: the builder flow does not compile\n${formatIssues(errors, where)}`,
      );
    }
  }
  if (typeof source === "object" && source !== null && !isPlainObject(source) && !Array.isArray(source)) {
    throw new pulumi.RunError(
      `${where}: definition must be a builder flow (flow({...})) or Studio's flow definition JSON, not a ${source.constructor.name}`,
    );
  }
  return source;
}

/**
 * The resource input for a flow source: a builder flow compiled now, inside an Output or a
 * Promise once it resolves. `where` names the resource in errors, e.g. `StudioFlow "bots"`.
 */
export function definitionInput(
  source: pulumi.Input<FlowSource>,
  where = "StudioFlow",
): pulumi.Input<FlowDefinition> {
  const compiled = (value: unknown) => compileIfFlow(value, where) as FlowDefinition;
  if (pulumi.Output.isInstance(source)) return (source as pulumi.Output<unknown>).apply(compiled);
  if (source instanceof Promise) return (source as Promise<unknown>).then(compiled);
  return compiled(source);
}

/**
 * A flow whose definition needs values only known at deploy time: `values` are resolved first
 * (`pulumi.all`), then `build` makes the flow — a builder flow or definition JSON — from the
 * plain values, and a builder flow is compiled. Builder props take plain strings, so this is how
 * another flow's SID or a Function URL reaches a builder widget; for JSON it is also the way to
 * put a value inside a larger string (a Liquid template, a URL).
 *
 *   definition: flowWith({ faq: faqFlow.sid }, ({ faq }) => supportFlow(faq))
 */
export function flowWith<V extends Record<string, pulumi.Input<string>>>(
  values: V,
  build: (resolved: { [K in keyof V]: string }) => FlowSource,
): pulumi.Output<FlowDefinition> {
  return pulumi
    .all(values)
    .apply(
      (resolved) =>
        compileIfFlow(build(resolved as { [K in keyof V]: string }), "flowWith") as FlowDefinition,
    );
}
