/**
 * A counter and the `limit` most recent entries, in a ring: what a long run keeps of its requests
 * and of the messages its flows sent, in constant memory and O(1) per entry.
 */
export class RecentLog<T> {
  #total = 0;
  readonly #ring: T[] = [];

  constructor(private readonly limit = 10_000) {}

  /** Entries ever added, including those no longer held. */
  get count(): number {
    return this.#total;
  }

  /** The entries held, oldest first (a copy). */
  get log(): readonly T[] {
    return this.since(0);
  }

  add(entry: T): void {
    if (this.#ring.length < this.limit) this.#ring.push(entry);
    else this.#ring[this.#total % this.limit] = entry;
    this.#total += 1;
  }

  /** The entries added after the count was `count`, those still held, oldest first. */
  since(count: number): T[] {
    const wanted = Math.max(0, Math.min(this.#total - count, this.#ring.length));
    const out: T[] = [];
    for (let n = this.#total - wanted; n < this.#total; n++) out.push(this.#ring[n % this.limit]!);
    return out;
  }

  clear(): void {
    this.#total = 0;
    this.#ring.length = 0;
  }
}
