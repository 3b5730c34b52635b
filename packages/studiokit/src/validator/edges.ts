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
 * 10,000-name index is a likely cache miss; doing it once instead of twice is measurable). The
 * widget checks visit every state in index order before the flow checks read `edges()`
 * (validate.ts); anything else is a bug in the validator, and throws.
 */
export class EdgeRecorder {
  readonly #offsets: Int32Array;
  readonly #targets: number[] = [];
  /** How many states have been closed: the one being recorded. */
  #state = 0;
  #edges: Edges | undefined;

  constructor(private readonly count: number) {
    this.#offsets = new Int32Array(count + 1);
  }

  /** A `next` of state `index` that names state `target`. */
  add(index: number, target: number): void {
    this.#expect(index);
    this.#targets.push(target);
  }

  /** State `index` has no more edges. */
  close(index: number): void {
    this.#expect(index);
    this.#offsets[index + 1] = this.#targets.length;
    this.#state++;
  }

  edges(): Edges {
    if (this.#state !== this.count)
      throw new Error(`EdgeRecorder: edges read after ${this.#state} of ${this.count} states`);
    return (this.#edges ??= { offsets: this.#offsets, targets: Int32Array.from(this.#targets) });
  }

  #expect(index: number): void {
    if (index !== this.#state)
      throw new Error(`EdgeRecorder: state ${index} recorded while expecting state ${this.#state}`);
  }
}
