/**
 * The flow's `next` edges as flat arrays (targets of state i are
 * `targets[offsets[i]] … targets[offsets[i + 1] - 1]`, in transition order). A search then never
 * touches the state objects: on a 10,000-widget flow, chasing `next` names through the states in
 * graph order spends most of its time in cache misses.
 */
export interface Edges {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

/**
 * Collects the edges while the targets check resolves each `next` name anyway (each lookup in a
 * 10,000-name map is a likely cache miss; doing it once instead of twice is measurable). States
 * must be recorded in index order, each once; `edges()` is undefined unless all were.
 */
export class EdgeRecorder {
  readonly #offsets: Int32Array;
  readonly #targets: number[] = [];
  /** The next state expected; -1 once the order was broken. */
  #state = 0;

  constructor(private readonly count: number) {
    this.#offsets = new Int32Array(count + 1);
  }

  /** A `next` of state `index` that names state `target`. */
  add(index: number, target: number): void {
    if (index === this.#state) this.#targets.push(target);
    else this.#state = -1;
  }

  /** State `index` has no more edges. */
  close(index: number): void {
    if (index !== this.#state) {
      this.#state = -1;
      return;
    }
    this.#offsets[index + 1] = this.#targets.length;
    this.#state++;
  }

  edges(): Edges | undefined {
    return this.#state === this.count
      ? { offsets: this.#offsets, targets: Int32Array.from(this.#targets) }
      : undefined;
  }
}
