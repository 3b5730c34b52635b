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

/** Wall-clock and CPU milliseconds (CPU time is steadier when other processes share the machine). */
interface Sample {
  wall: number[];
  cpu: number[];
}

function time<R>(sample: Sample, record: boolean, fn: () => R): R {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  if (record) {
    sample.wall.push(wall);
    sample.cpu.push((used.user + used.system) / 1000);
  }
  return result;
}

interface Figures {
  readonly states: number;
  readonly build: Sample;
  readonly compile: Sample;
  /** compile + validate of a flow built just before (still young in the heap), for comparison. */
  readonly fresh: Sample;
  readonly validate: Sample;
  /** The validator's errors on the last run (10,000 states exceed Studio's limit). */
  errors: string[];
}

function empty(states: number): Figures {
  const sample = (): Sample => ({ wall: [], cpu: [] });
  return { states, build: sample(), compile: sample(), fresh: sample(), validate: sample(), errors: [] };
}

/**
 * Per size, one generated flow compiled + validated `runs` times after `warmup`; alongside, building
 * a flow, compiling that fresh flow, and validating alone. The sizes take turns within each round,
 * so load from other processes on this shared machine falls on both alike.
 */
function measure(sizes: readonly number[]): Figures[] {
  const figures = sizes.map(empty);
  const flows = sizes.map(generateFlow);
  for (let i = 0; i < warmup + runs; i++) {
    const record = i >= warmup;
    figures.forEach((f, k) => {
      const result = time(f.compile, record, () => compileWithIssues(flows[k]!));
      time(f.validate, record, () => validateDefinition(result.definition));
      const fresh = time(f.build, record, () => generateFlow(f.states));
      time(f.fresh, record, () => compileWithIssues(fresh));
      f.errors = result.issues.filter((issue) => issue.severity === "error").map((issue) => issue.message);
    });
  }
  return figures;
}

/**
 * The validator's own scaling, apart from the machine's memory hierarchy as far as can be: CPU
 * time to validate one 10,000-state flow against ten 1,000-state flows (the same widget count),
 * definitions compiled beforehand, the two alternating. 1.0 is perfectly linear.
 */
function validatorScaling(): { ten: number; one: number } {
  const one = compileWithIssues(generateFlow(10_000)).definition;
  const ten = Array.from({ length: 10 }, () => compileWithIssues(generateFlow(1000)).definition);
  const sample = (): Sample => ({ wall: [], cpu: [] });
  const [tens, ones] = [sample(), sample()];
  for (let i = 0; i < warmup + runs; i++) {
    time(tens, i >= warmup, () => ten.forEach((definition) => validateDefinition(definition)));
    time(ones, i >= warmup, () => validateDefinition(one));
  }
  return { ten: median(tens.cpu), one: median(ones.cpu) };
}

const ms = (sample: Sample) =>
  `${median(sample.wall).toFixed(1)} ms (cpu ${median(sample.cpu).toFixed(1)} ms)`;

/** `npm run bench -- compile`: compile + validate a generated 1,000-state flow, then 10× that. */
export function run(): void {
  const [small, large] = measure([1000, 10_000]) as [Figures, Figures];
  process.stdout.write(`compile: medians of ${runs} runs after ${warmup} warm-up runs\n`);
  for (const f of [small, large]) {
    process.stdout.write(
      `  ${f.states} states: compile+validate ${ms(f.compile)}; validate alone ${ms(f.validate)}; ` +
        `building the flow ${ms(f.build)}; compile+validate of a just-built flow ${ms(f.fresh)}\n`,
    );
    if (f.errors.length > 0) process.stdout.write(`    validator errors: ${f.errors.join(" | ")}\n`);
  }
  const wall = median(small.compile.wall);
  const ratio = median(large.compile.wall) / wall;
  const cpuRatio = median(large.compile.cpu) / median(small.compile.cpu);
  process.stdout.write(
    `  goal 1,000 states <= 50 ms: ${wall <= 50 ? "met" : "MISSED"} (${wall.toFixed(1)} ms); ` +
      `goal 10x states <= 12x time: ${ratio <= 12 ? "met" : "MISSED"} (${ratio.toFixed(1)}x wall, ${cpuRatio.toFixed(1)}x cpu)\n`,
  );
  const scaling = validatorScaling();
  process.stdout.write(
    `  validator scaling: one 10000-state flow ${scaling.one.toFixed(1)} ms cpu, ten 1000-state flows ` +
      `${scaling.ten.toFixed(1)} ms cpu: ${(scaling.one / scaling.ten).toFixed(2)}x (1.00 = linear)\n`,
  );
}
