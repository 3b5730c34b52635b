import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { parseFlowDefinition, type FlowDefinition } from "../../src/definition";
import { formatCoverage, runScenarioFiles } from "../../src/engine";
import { seedFlowPath } from "../support/shared";

const root = path.resolve(__dirname, "..", "..");
const scenarios = path.join(root, "flows", "do-you-like-bots.scenarios.yaml");

/**
 * flows/do-you-like-bots.ts (the builder module) comes with the builder branch; until then the
 * scenario file's `flow: ./do-you-like-bots.ts` is served the seed export it compiles to.
 */
async function loadFlow(file: string): Promise<FlowDefinition> {
  expect(file).toBe(path.join(root, "flows", "do-you-like-bots.ts"));
  const parsed = parseFlowDefinition(JSON.parse(fs.readFileSync(seedFlowPath, "utf8")));
  if (!parsed.ok) throw new Error("the seed flow does not parse");
  return parsed.value;
}

it("the tutorial's scenarios cover yes, no, anything else and timeout at 100% of transitions", async () => {
  const run = await runScenarioFiles([{ file: "flows/do-you-like-bots.scenarios.yaml", path: scenarios }], {
    loadFlow,
    coverage: true,
  });
  expect(run.results).toEqual([
    { file: "flows/do-you-like-bots.scenarios.yaml", scenario: "a yes gets a robot", passed: true },
    { file: "flows/do-you-like-bots.scenarios.yaml", scenario: "a no gets an alien", passed: true },
    { file: "flows/do-you-like-bots.scenarios.yaml", scenario: "anything else gets a ghost", passed: true },
    {
      file: "flows/do-you-like-bots.scenarios.yaml",
      scenario: "no answer within an hour ends the conversation",
      passed: true,
    },
  ]);
  expect(formatCoverage(run.coverage)).toBe(
    "coverage:\n  flows/do-you-like-bots.ts: widgets 6/6 (100%), transitions 5/5 (100%)\n",
  );
  expect(run.coverage).toEqual([
    {
      flow: "flows/do-you-like-bots.ts",
      executions: 4,
      widgets: { reached: 6, total: 6, unreached: [] },
      transitions: { taken: 5, total: 5, untaken: [] },
    },
  ]);
});
