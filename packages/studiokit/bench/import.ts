import path from "node:path";
import { performance } from "node:perf_hooks";
import { formatTypeScript } from "../src/cli";
import { importFlow } from "../src/codegen";
import { compileWithIssues } from "../src/compiler";
import { generateFlow } from "./generate-flow";
import { median, sample } from "./stats";

const runs = 25;
const warmup = 5;
const formatRuns = 5;

const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * `npm run bench -- import`: `importFlow` on the compiled 1,000-widget generated flow (median of
 * 25 after 5 warm-up runs; the goal is <= 200 ms), then prettier on its output, which
 * `studiokit import` adds.
 */
export async function run(): Promise<void> {
  // 1,000 widgets and the trigger: one state over Studio's limit, which compileWithIssues reports and import ignores.
  const { definition } = compileWithIssues(generateFlow(1001));
  const options = { builderImport: "../src/builder", source: "generated.json" };
  let code = "";
  const { times } = sample(runs, warmup, () => (code = importFlow(definition, options).code));
  const file = path.join(__dirname, "..", "flows", "generated.ts");
  const formatTimes: number[] = [];
  for (let i = 0; i < formatRuns + 1; i++) {
    const start = performance.now();
    await formatTypeScript(code, file);
    if (i > 0) formatTimes.push(performance.now() - start);
  }
  const importMs = median(times);
  process.stdout.write(
    `import ${definition.states.length - 1} widgets (median of ${runs}): ${ms(importMs)} ` +
      `(goal <= 200 ms: ${importMs <= 200 ? "met" : "MISSED"}); ${code.split("\n").length} lines; ` +
      `prettier on the result ${ms(median(formatTimes))} (median of ${formatRuns})\n`,
  );
}
