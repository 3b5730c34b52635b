import { type z } from "zod";
import { describe, expectTypeOf, it } from "vitest";
import { type Severity, type ValidationIssue } from "../../src/validator";
import { type severitySchema, type validationIssueSchema } from "../../src/validator/issue-schema";

describe("the validator's plain issue types (src/validator/issue-types.ts)", () => {
  it("equal what the issue schemas parse to", () => {
    expectTypeOf<Severity>().toEqualTypeOf<z.output<typeof severitySchema>>();
    expectTypeOf<ValidationIssue>().toEqualTypeOf<z.output<typeof validationIssueSchema>>();
  });
});
