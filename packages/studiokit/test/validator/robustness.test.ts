import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateDefinition, validateWidget } from "../../src/validator";
import { validationIssueSchema } from "../../src/validator/issue-schema";
import { flowDefinitionSchema, isWidgetType, widgetSpecs } from "../../src/definition";
import { legacyFlowFile, realFlows } from "../support/fixtures";

const wellFormed = (issues: unknown[]) => issues.every((i) => validationIssueSchema.safeParse(i).success);

/** The real whole flows, as JSON (the legacy v1 file aside). */
const flows = realFlows()
  .filter((f) => f.file !== legacyFlowFile)
  .map((f) => f.json as { states: Array<Record<string, unknown>> });

/** The widget part a mutation replaces. */
const part = fc.constantFrom("properties", "type", "transitions", "name");

/** Real flow `f` with state `s`'s `key` replaced by `value` (indices wrap around). */
function mutated(f: number, s: number, key: string, value: unknown) {
  const flow = flows[f % flows.length]!;
  const states = flow.states.map((state, i) =>
    i === s % flow.states.length ? { ...state, [key]: value } : state,
  );
  return { ...flow, states };
}

describe("no input crashes the validator", () => {
  it("returns well-formed issues for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(wellFormed(validateDefinition(value))).toBe(true);
        expect(wellFormed(validateWidget(value))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("returns well-formed issues for real flows with a widget's properties, type or transitions replaced", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), part, fc.jsonValue(), (f, s, key, value) => {
        expect(wellFormed(validateDefinition(mutated(f, s, key, value)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the one-pass schema checks decide as zod's full parse does", () => {
  const codes = (value: unknown) => new Set(validateDefinition(value).map((i) => i.code));

  // The validator asks zod's compiled checks (`z.compile(...).validate`, no parsed copy) whether
  // each state fits, and parses only what does not. A wrong "fits" would hide a schema error.
  it("reports a schema error exactly when the whole definition fails flowDefinitionSchema", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), part, fc.jsonValue(), (f, s, key, value) => {
        const definition = mutated(f, s, key, value);
        expect(codes(definition).has("schema")).toBe(!flowDefinitionSchema.safeParse(definition).success);
      }),
      { numRuns: 400 },
    );
  });

  it("reports a property error exactly when the widget's properties fail its type's schema", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), fc.jsonValue(), (f, s, k, value) => {
        const flow = flows[f % flows.length]!;
        const index = s % flow.states.length;
        const state = flow.states[index]! as { type: string; properties: Record<string, unknown> };
        if (!isWidgetType(state.type) || state.type === "trigger") return;
        const keys = Object.keys(widgetSpecs[state.type].properties.shape);
        const properties = { ...state.properties, [keys[k % keys.length]!]: value };
        const states = flow.states.map((x, i) => (i === index ? { ...x, properties } : x));
        const fits = widgetSpecs[state.type].properties.safeParse(properties).success;
        expect(codes({ ...flow, states }).has("property")).toBe(!fits);
      }),
      { numRuns: 400 },
    );
  });
});
