import { type Step } from "./schema";

/** A value in YAML flow style, as a scenario author would write it: `{ send: "🤖" }`. */
export function flowYaml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowYaml).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${k}: ${flowYaml(v)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** The step as written: `expect: { send: "🤖" }`, `reply: "Yes"`. */
export function describeStep(step: Step): string {
  return Object.entries(step)
    .map(([key, value]) => `${key}: ${flowYaml(value)}`)
    .join(", ");
}
