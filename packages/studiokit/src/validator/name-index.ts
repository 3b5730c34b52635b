/**
 * Widget name → state index (the first state with that name), read by the targets, reachability
 * and Liquid reference checks: what a `Map<string, number>` does, in two flat arrays. On a
 * 10,000-widget flow each Map lookup or insertion lands on a different entry of a large
 * hash table, likely a cache miss; here a probe reads one 32-bit slot of a table a tenth the
 * size, and a name compares by pointer when it is the state's own string (as compiled `next`s are).
 */
export class NameIndex {
  /** Open addressing, linear probing: state index + 1 per slot, 0 when free. At most half full. */
  readonly #slots: Int32Array;
  readonly #mask: number;
  /** The indexed states' names, by state index (undefined: not a string, not indexed). */
  readonly #names: ReadonlyArray<string | undefined>;
  /** For a state whose name an earlier state has: that state's index + 1 (0: none). */
  readonly #earlier: Int32Array;

  constructor(names: ReadonlyArray<string | undefined>) {
    let size = 8;
    while (size < names.length * 2) size *= 2;
    this.#slots = new Int32Array(size);
    this.#mask = size - 1;
    this.#names = names;
    this.#earlier = new Int32Array(names.length);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (name === undefined) continue;
      const slot = this.#find(name);
      const first = this.#slots[slot]!;
      if (first === 0) this.#slots[slot] = i + 1;
      else this.#earlier[i] = first;
    }
  }

  /** The slot holding `name`, or the free slot where it would go. */
  #find(name: string): number {
    // FNV-1a over UTF-16 code units.
    let hash = 0x811c9dc5;
    for (let c = 0; c < name.length; c++) hash = Math.imul(hash ^ name.charCodeAt(c), 0x01000193);
    for (let slot = hash & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const entry = this.#slots[slot]!;
      if (entry === 0 || this.#names[entry - 1] === name) return slot;
    }
  }

  /** The index of the first state named `name`. */
  get(name: string): number | undefined {
    const entry = this.#slots[this.#find(name)]!;
    return entry === 0 ? undefined : entry - 1;
  }

  has(name: string): boolean {
    return this.#slots[this.#find(name)] !== 0;
  }

  /** The index of an earlier state with the same name as state `index`, if any. */
  earlier(index: number): number | undefined {
    const first = this.#earlier[index] ?? 0;
    return first === 0 ? undefined : first - 1;
  }

  /** Each name once, in state order (for "did you mean"). */
  *keys(): IterableIterator<string> {
    for (let i = 0; i < this.#names.length; i++) {
      const name = this.#names[i];
      if (name !== undefined && this.#earlier[i] === 0) yield name;
    }
  }
}
