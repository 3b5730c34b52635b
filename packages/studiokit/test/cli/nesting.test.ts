import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { maxNestingDepth } from "../../src/definition";
import { flowNestingProblem, nestedFlowText, sweepDepths } from "../support/nesting";
import { cli } from "./fixtures";

// Every command that reads a flow file, over nesting depths from ordinary to 100,000 levels: up
// to the definition room's limit the flow is read as usual; past it, one line names the file,
// the JSON path and the limit (it used to be "internal error: Maximum call stack size exceeded").

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-nesting-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const files = new Map(
  sweepDepths.map((depth) => {
    const file = `deep-${depth}.json`;
    fs.writeFileSync(path.join(dir, file), nestedFlowText(depth));
    return [depth, file];
  }),
);

const commands = ["validate", "compile", "import", "diagram"] as const;

describe.each(commands)("studiokit %s over nesting depths", (command) => {
  it.each(sweepDepths.filter((depth) => depth <= maxNestingDepth))(
    "reads a flow nested %i levels",
    async (depth) => {
      const file = files.get(depth)!;
      const run = await cli(dir, [command, file]);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toBe("");
      if (command === "validate")
        expect(run.stdout).toBe(`${file}: ok\n1 file checked: 0 errors, 0 warnings\n`);
      if (command === "compile") expect(JSON.parse(run.stdout)).toEqual(JSON.parse(nestedFlowText(depth)));
    },
  );

  it.each(sweepDepths.filter((depth) => depth > maxNestingDepth))(
    "refuses a flow nested %i levels with the path and the limit, exit 2",
    async (depth) => {
      const file = files.get(depth)!;
      expect(await cli(dir, [command, file])).toEqual({
        code: 2,
        stdout: "",
        stderr: `studiokit ${command}: ${file}: ${flowNestingProblem.path}: ${flowNestingProblem.message}\n`,
      });
    },
  );
});

describe("scenario files over nesting depths", () => {
  const flow = fs.readFileSync(path.join(dir, files.get(10)!), "utf8");
  fs.writeFileSync(path.join(dir, "flow.json"), flow);
  /** A scenario whose trigger parameters nest `depth` levels in the file (flow-style YAML). */
  const scenarioText = (depth: number) =>
    [
      "flow: ./flow.json",
      "scenarios:",
      "  - name: deep parameters",
      `    trigger: { event: incomingRequest, from: "+15017122661", to: "+15558675310", parameters: ${"{ a: ".repeat(depth - 4)}1${" }".repeat(depth - 4)} }`,
      "    steps: []",
      "",
    ].join("\n");

  it.each(sweepDepths)("reads or refuses a scenario file nested %i levels", async (depth) => {
    const file = `deep-${depth}.scenarios.yaml`;
    fs.writeFileSync(path.join(dir, file), scenarioText(depth));
    const run = await cli(dir, ["test", file]);
    if (depth <= maxNestingDepth) {
      expect(run).toEqual({ code: 0, stdout: "1 passed, 0 failed\n", stderr: "" });
      return;
    }
    const where =
      depth === maxNestingDepth + 1
        ? `${file}:4: scenarios[0].trigger.parameters${".a".repeat(maxNestingDepth - 4)}: `
        : `${file}:4: `;
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: `studiokit test: ${where}${flowNestingProblem.message}\n`,
    });
  });
});
