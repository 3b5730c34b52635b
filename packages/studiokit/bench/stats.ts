import { performance } from "node:perf_hooks";

/** The median of a list of timings (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A recorded sample's time span, in `performance.now()` milliseconds. */
export type Span = readonly [start: number, end: number];

/**
 * Runs `fn` `perSample` times per sample, `warmup + runs` samples; the last `runs`, as
 * milliseconds per call, and their spans.
 */
export function sample(runs: number, warmup: number, fn: () => unknown, perSample = 1) {
  const times: number[] = [];
  const spans: Span[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const start = performance.now();
    for (let k = 0; k < perSample; k++) fn();
    const end = performance.now();
    if (i < warmup) continue;
    times.push((end - start) / perSample);
    spans.push([start, end]);
  }
  return { times, spans };
}
