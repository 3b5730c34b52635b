import { type FlowIndex } from "./flow-index";

/**
 * The states reachable from `starts` by following `next` (breadth-first, each state once). A
 * state for which `passThrough` is false is reached but not left.
 */
export function reachable(
  flow: FlowIndex,
  starts: Iterable<number | undefined>,
  passThrough: (index: number) => boolean = () => true,
): boolean[] {
  const seen = new Array<boolean>(flow.states.length).fill(false);
  const queue: number[] = [];
  const visit = (index: number | undefined) => {
    if (index === undefined || seen[index]) return;
    seen[index] = true;
    queue.push(index);
  };
  for (const start of starts) visit(start);
  // The array iterator sees items pushed during the loop: this is the BFS queue.
  for (const index of queue) {
    if (!passThrough(index)) continue;
    for (const transition of flow.states[index]?.transitions ?? []) {
      if (transition.next) visit(flow.byName.get(transition.next));
    }
  }
  return seen;
}

/** The index of the state named by `initial_state` when it exists and is a trigger. */
export function triggerIndex(flow: FlowIndex): number | undefined {
  const index = flow.initialState === undefined ? undefined : flow.byName.get(flow.initialState);
  return index !== undefined && flow.states[index]?.type === "trigger" ? index : undefined;
}
