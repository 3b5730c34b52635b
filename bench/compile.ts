import { performance } from "node:perf_hooks";
import { compileWithIssues } from "../src/compiler";
import { validateDefinition } from "../src/validator";
import { generateFlow } from "./generate-flow";

const runs = 25;
const warmup = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

interface Figures {
  states: number;
  build: number;
  compile: number;
  validate: number;
  errors: string[];
}

/** Median over `runs` runs (after `warmup`) of building, compiling + validating, and validating alone. */
function measure(states: number): Figures {
  const build: number[] = [];
  const compile: number[] = [];
  const validate: number[] = [];
  let errors: string[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    let flow = generateFlow(states);
    const b = time(() => (flow = generateFlow(states)));
    let result = compileWithIssues(flow);
    const c = time(() => (result = compileWithIssues(flow)));
    const v = time(() => validateDefinition(result.definition));
    if (i >= warmup) {
      build.push(b);
      compile.push(c);
      validate.push(v);
    }
    errors = result.issues.filter((issue) => issue.severity === "error").map((issue) => issue.message);
  }
  return { states, build: median(build), compile: median(compile), validate: median(validate), errors };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** `npm run bench -- compile`: compile + validate a generated 1,000-state flow, then 10× that. */
export function run(): void {
  const small = measure(1000);
  const large = measure(10_000);
  for (const f of [small, large]) {
    process.stdout.write(
      `compile ${f.states} states (median of ${runs}): compile+validate ${ms(f.compile)} ` +
        `(validate alone ${ms(f.validate)}); building with the builder ${ms(f.build)}\n`,
    );
    if (f.errors.length > 0) process.stdout.write(`  validator errors: ${f.errors.join(" | ")}\n`);
  }
  const ratio = large.compile / small.compile;
  process.stdout.write(
    `compile: 1,000 states ${ms(small.compile)} (goal <= 50 ms: ${small.compile <= 50 ? "met" : "MISSED"}); ` +
      `10x states took ${ratio.toFixed(1)}x the time (goal <= 12x: ${ratio <= 12 ? "met" : "MISSED"})\n`,
  );
}
