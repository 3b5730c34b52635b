import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssues, isCompileError, isFlowFileName, loadFlowFile, validateDefinition } from "studiokit";
import { formatFailure, runScenarioFiles } from "studiokit/testing";

// Every flow in flows/ validates and passes the scenarios of its `<name>.scenarios.yaml`. Nothing
// here names a flow: add one to flows/ with its scenario file and it is tested too.

const root = path.resolve(__dirname, "..");
const flowsDir = path.join(root, "flows");
const flows = fs.readdirSync(flowsDir).filter(isFlowFileName).sort();

describe.each(flows)("flows/%s", (file) => {
  const base = file.replace(/\.(ts|json)$/, "");

  it("compiles and validates without errors", () => {
    let issues;
    try {
      const loaded = loadFlowFile(path.join("flows", file), root);
      issues = loaded.kind === "ts" ? loaded.issues : validateDefinition(loaded.definition);
    } catch (error) {
      if (!isCompileError(error)) throw error;
      issues = error.issues;
    }
    const errors = issues.filter((issue) => issue.severity === "error");
    expect(formatIssues(errors, `flows/${file}`)).toBe("");
  });

  it(`passes flows/${base}.scenarios.yaml`, async () => {
    const scenarios = path.join(flowsDir, `${base}.scenarios.yaml`);
    expect(fs.existsSync(scenarios), `flows/${base}.scenarios.yaml: every flow has a scenario file`).toBe(
      true,
    );
    const run = await runScenarioFiles([{ file: `flows/${base}.scenarios.yaml`, path: scenarios }]);
    expect(run.results.filter((r) => !r.passed).map(formatFailure)).toEqual([]);
    expect(run.passed).toBeGreaterThan(0);
  });
});
