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
  readonly validate: Sample;
  readonly errors: readonly string[];
}

/** Building with the builder, compile + validate, and validate alone, `runs` times after `warmup`. */
function measure(states: number): Figures {
  const figures: Figures = {
    states,
    build: { wall: [], cpu: [] },
    compile: { wall: [], cpu: [] },
    validate: { wall: [], cpu: [] },
    errors: [],
  };
  let errors: string[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const record = i >= warmup;
    const flow = time(figures.build, record, () => generateFlow(states));
    const result = time(figures.compile, record, () => compileWithIssues(flow));
    time(figures.validate, record, () => validateDefinition(result.definition));
    errors = result.issues.filter((issue) => issue.severity === "error").map((issue) => issue.message);
  }
  return { ...figures, errors };
}

const ms = (sample: Sample) =>
  `${median(sample.wall).toFixed(1)} ms (cpu ${median(sample.cpu).toFixed(1)} ms)`;

/** `npm run bench -- compile`: compile + validate a generated 1,000-state flow, then 10× that. */
export function run(): void {
  const small = measure(1000);
  const large = measure(10_000);
  process.stdout.write(`compile: medians of ${runs} runs after ${warmup} warm-up runs\n`);
  for (const f of [small, large]) {
    process.stdout.write(
      `  ${f.states} states: compile+validate ${ms(f.compile)}; of which validate ${ms(f.validate)}; ` +
        `building the flow ${ms(f.build)}\n`,
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
}
