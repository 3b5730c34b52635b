import * as pulumi from "@pulumi/pulumi";
import { type FlowDefinition } from "../definition";
import { type DeepInput } from "./inputs";

/**
 * What a flow resource accepts as its flow: Studio's definition JSON, in which any value may be a
 * Pulumi input (another flow's SID in a run-subflow widget, a Function URL from stack config).
 * Builder flows join this union once src/compiler is merged (see `compileIfFlow`).
 */
export type FlowSource = DeepInput<FlowDefinition>;

/**
 * ── THE ONE PLACE BUILDER FLOWS ARE COMPILED ──
 * When src/compiler is merged into this branch, add `import { compile, isFlow } from "../compiler";`
 * above, widen `FlowSource` to `DeepInput<FlowDefinition> | Flow`, and replace the guard below with
 *   if (isFlow(source)) return compile(source);
 * A builder flow must be compiled before it becomes an input: Pulumi flattens objects it resolves
 * (class instances lose their prototype), so it is compiled here, outside any Output.
 */
function compileIfFlow(source: unknown): unknown {
  const plain = Object.getPrototypeOf(source) === Object.prototype || Object.getPrototypeOf(source) === null;
  if (typeof source === "object" && source !== null && !plain && !pulumi.Output.isInstance(source)) {
    throw new Error(
      "StudioFlow: builder flows are compiled once src/compiler is merged; until then pass a flow definition (Studio's JSON)",
    );
  }
  return source;
}

/** The resource input for a flow source: compiled if needed, inside an Output if it is one. */
export function definitionInput(source: pulumi.Input<FlowSource>): pulumi.Input<FlowDefinition> {
  if (pulumi.Output.isInstance(source)) {
    return (source as pulumi.Output<unknown>).apply((value) => compileIfFlow(value) as FlowDefinition);
  }
  return compileIfFlow(source) as pulumi.Input<FlowDefinition>;
}

/**
 * A flow whose definition needs values only known at deploy time: `values` are resolved first
 * (`pulumi.all`), then `build` makes the flow from the plain values. Use it when a value goes
 * inside a larger string (a Liquid template, a URL) rather than being a whole property.
 *
 *   definition: flowWith({ faq: faqFlow.sid }, ({ faq }) => supportFlow(faq))
 */
export function flowWith<V extends Record<string, pulumi.Input<string>>>(
  values: V,
  build: (resolved: { [K in keyof V]: string }) => FlowSource,
): pulumi.Output<FlowDefinition> {
  return pulumi
    .all(values)
    .apply((resolved) => compileIfFlow(build(resolved as { [K in keyof V]: string })) as FlowDefinition);
}
