import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { issueCodes } from "../../src/validator";
import { validationIssueSchema } from "../../src/validator/issue-schema";

// docs/validator.md documents every issue code; the table in code (validator/codes.ts) decides.
const page = fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "..", "docs", "validator.md"), "utf8");
const documented = [...page.matchAll(/^\| `([a-z-]+)` \| (error|warning) \|/gm)].map((m) => [m[1], m[2]]);

describe("the issue codes", () => {
  it("docs/validator.md lists each code once, with the severity the table gives it", () => {
    expect(documented).toEqual(Object.entries(issueCodes).map(([code, { severity }]) => [code, severity]));
  });

  it("an issue's code must be one of the table's", () => {
    const issue = { code: "unreachable", severity: "warning", path: "states[1]", message: "m" };
    expect(validationIssueSchema.safeParse(issue).success).toBe(true);
    expect(validationIssueSchema.safeParse({ ...issue, code: "made-up" }).success).toBe(false);
  });
});
