import { type Edges } from "./edges";
import { type FlowIndex } from "./flow-index";

/**
 * The states reachable from `starts` by following `next` (breadth-first, each state once): 1 in
 * the returned array. A state for which `passThrough` is false is reached but not left.
 */
export function reachable(
  edges: Edges,
  starts: Iterable<number | undefined>,
  passThrough: (index: number) => boolean = () => true,
): Uint8Array {
  const { offsets, targets } = edges;
  const seen = new Uint8Array(offsets.length - 1);
  const queue = new Int32Array(offsets.length - 1);
  let tail = 0;
  for (const start of starts) {
    if (start === undefined || seen[start]) continue;
    seen[start] = 1;
    queue[tail++] = start;
  }
  for (let head = 0; head < tail; head++) {
    const index = queue[head] ?? 0;
    if (!passThrough(index)) continue;
    for (let e = offsets[index] ?? 0, end = offsets[index + 1] ?? 0; e < end; e++) {
      const target = targets[e] ?? 0;
      if (seen[target]) continue;
      seen[target] = 1;
      queue[tail++] = target;
    }
  }
  return seen;
}

/** The index of the state named by `initial_state` when it exists and is a trigger. */
export function triggerIndex(flow: FlowIndex): number | undefined {
  const index = flow.initialState === undefined ? undefined : flow.byName.get(flow.initialState);
  return index !== undefined && flow.states[index]?.type === "trigger" ? index : undefined;
}
