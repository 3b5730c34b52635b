/** Where the engine's driver reads the time. Timeouts fire only when an event says time moved. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Present on simulated clocks: `Execution.wait(seconds)` moves them forward. */
  advance?(ms: number): void;
}

/** A clock that moves only when told to (XState's SimulatedClock, reduced to what we need). */
export class SimulatedClock implements Clock {
  #now: number;

  constructor(start: Date | number = Date.now()) {
    this.#now = typeof start === "number" ? start : start.getTime();
  }

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot move the clock by ${ms} ms`);
    this.#now += ms;
  }
}
