import { PerformanceObserver } from "node:perf_hooks";
import { compileWithIssues } from "../src/compiler";
import { validateDefinition } from "../src/validator";
import { generateFlow } from "./generate-flow";
import { sample, type Span } from "./stats";

/**
 * Widgets per batch: a batched sample times enough compiles of one flow to cover this many
 * widgets (ten of a 1,000-state flow, one of a 10,000-state flow), so both sizes allocate as much
 * per sample and pay for the same share of garbage collection.
 */
export const batchWidgets = 10_000;

/**
 * What one process measures for one flow size (each in its own process, so one measurement
 * never runs on a heap another has grown):
 * - `single`: compile + validate, one compile per sample (compileWithIssues runs the validator
 *   on its output), then validating the compiled definition alone, then building the flow;
 * - `batched`: compile + validate, a batch of `batchWidgets` widgets per sample;
 * - `reference`: the platform on the same data, batched alike: V8's own JSON.stringify of the
 *   compiled definition and JSON.parse of its text (they depend on the machine's caches only).
 */
export type Mode = "single" | "batched" | "reference";

/** Milliseconds per call, in run order, by what was timed. */
export interface SizeSamples {
  readonly states: number;
  readonly timings: Readonly<Record<string, number[]>>;
  /** `single` only: of the compile samples, how many a garbage collection ran in. */
  readonly compilesWithGc?: number;
  /** The validator's errors on the flow (the 10,000-state flow exceeds Studio's 1,000 states). */
  readonly errors: string[];
}

/** When garbage collections started while `measure` ran (delivered after it returns). */
async function withGcStarts<T>(measure: () => T): Promise<{ result: T; gcStarts: number[] }> {
  const gcStarts: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcStarts.push(entry.startTime);
  });
  observer.observe({ entryTypes: ["gc"] });
  const result = measure();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { result, gcStarts };
}

export async function measureSize(
  states: number,
  mode: Mode,
  runs: number,
  warmup: number,
): Promise<SizeSamples> {
  const flow = generateFlow(states);
  const first = compileWithIssues(flow);
  const errors = first.issues.filter((x) => x.severity === "error").map((x) => x.message);
  const batch = Math.max(1, Math.round(batchWidgets / states));
  const { definition } = first;
  if (mode === "batched")
    return {
      states,
      errors,
      timings: { compile: sample(runs, warmup, () => compileWithIssues(flow), batch).times },
    };
  if (mode === "reference") {
    const text = JSON.stringify(definition);
    return {
      states,
      errors,
      timings: {
        stringify: sample(runs, warmup, () => JSON.stringify(definition), batch).times,
        parse: sample(runs, warmup, () => JSON.parse(text), batch).times,
      },
    };
  }
  const single = await withGcStarts(() => sample(runs, warmup, () => compileWithIssues(flow)));
  const collected = ([start, end]: Span) => single.gcStarts.some((at) => at >= start && at < end);
  return {
    states,
    errors,
    compilesWithGc: single.result.spans.filter(collected).length,
    timings: {
      compile: single.result.times,
      validate: sample(runs, warmup, () => validateDefinition(definition)).times,
      build: sample(runs, warmup, () => generateFlow(states)).times,
    },
  };
}

// Run as a child process by bench/compile.ts: one size and mode per fresh process, samples as JSON on stdout.
if (require.main === module) {
  const [states, mode, runs, warmup] = process.argv.slice(2);
  void measureSize(Number(states), mode as Mode, Number(runs), Number(warmup)).then((samples) =>
    process.stdout.write(JSON.stringify(samples)),
  );
}
