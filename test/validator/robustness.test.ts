import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateDefinition, validateWidget, validationIssueSchema } from "../../src/validator";
import { legacyFlowFile, realFlows } from "../support/shared";

const wellFormed = (issues: unknown[]) => issues.every((i) => validationIssueSchema.safeParse(i).success);

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
    const flows = realFlows()
      .filter((f) => f.file !== legacyFlowFile)
      .map((f) => f.json as { states: Array<Record<string, unknown>> });
    const part = fc.constantFrom("properties", "type", "transitions", "name");
    fc.assert(
      fc.property(fc.nat(), fc.nat(), part, fc.jsonValue(), (f, s, key, value) => {
        const flow = flows[f % flows.length]!;
        const states = flow.states.map((state, i) =>
          i === s % flow.states.length ? { ...state, [key]: value } : state,
        );
        expect(wellFormed(validateDefinition({ ...flow, states }))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
