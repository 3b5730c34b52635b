import { performance } from "node:perf_hooks";
import { compileWithIssues } from "../src/compiler";
import { validateDefinition } from "../src/validator";
import { generateFlow } from "./generate-flow";

/** What one process measured for one flow size: milliseconds per run, in run order. */
export interface SizeSamples {
  readonly states: number;
  /** compile + validate (compileWithIssues runs the validator on its output). */
  readonly compile: number[];
  readonly validate: number[];
  readonly build: number[];
  readonly errors: string[];
}

/**
 * Measures one size: `runs` compile + validate runs of one generated flow after `warmup`, then
 * validating the compiled definition alone, and building the flow with the builder.
 */
export function measureSize(states: number, runs: number, warmup: number): SizeSamples {
  const flow = generateFlow(states);
  const samples: SizeSamples = { states, compile: [], validate: [], build: [], errors: [] };
  const time = (into: number[], record: boolean, fn: () => unknown) => {
    const start = performance.now();
    fn();
    if (record) into.push(performance.now() - start);
  };
  let definition = compileWithIssues(flow).definition;
  for (let i = 0; i < warmup + runs; i++) {
    time(samples.compile, i >= warmup, () => {
      const result = compileWithIssues(flow);
      definition = result.definition;
      if (i === 0)
        samples.errors.push(...result.issues.filter((x) => x.severity === "error").map((x) => x.message));
    });
  }
  for (let i = 0; i < warmup + runs; i++)
    time(samples.validate, i >= warmup, () => validateDefinition(definition));
  for (let i = 0; i < warmup + runs; i++) time(samples.build, i >= warmup, () => generateFlow(states));
  return samples;
}

// Run as a child process by bench/compile.ts: one size per fresh process, samples as JSON on stdout.
if (require.main === module) {
  const [states, runs, warmup] = process.argv.slice(2).map(Number);
  process.stdout.write(JSON.stringify(measureSize(states ?? 1000, runs ?? 25, warmup ?? 5)));
}
