import path from "node:path";
import { expect, it } from "vitest";
import { loadFlowFile } from "../../src/compiler";
import { formatCoverage, runScenarioFiles } from "../../src/testing";

import { projectDir as root } from "../support/fixtures";

const scenarios = path.join(root, "flows", "do-you-like-bots.scenarios.yaml");

/** The scenario file's `flow: ./do-you-like-bots.ts`, compiled from the builder module as `studiokit test` does. */
const loaded: string[] = [];
async function loadFlow(file: string) {
  const flow = loadFlowFile(file, root);
  loaded.push(`${path.relative(root, file)} (${flow.kind})`);
  return flow.definition;
}

it("the tutorial's scenarios cover yes, no, anything else and timeout at 100% of transitions", async () => {
  const run = await runScenarioFiles([{ file: "flows/do-you-like-bots.scenarios.yaml", path: scenarios }], {
    loadFlow,
    coverage: true,
  });
  expect(loaded).toEqual(["flows/do-you-like-bots.ts (ts)"]);
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
