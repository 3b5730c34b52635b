import zlib from "node:zlib";
import { type EndReason, type ExecutionContext, type Step, type TranscriptEntry } from "../../engine";

/** What the API reads of a run: the engine's execution while it is fresh, an archive after. */
export interface RunView {
  readonly status: "active" | "ended";
  readonly waitingAt: string | undefined;
  readonly endReason: EndReason | undefined;
  readonly context: ExecutionContext;
  readonly steps: readonly Step[];
  readonly transcript: readonly TranscriptEntry[];
}

/** A small window is enough for a few kilobytes and keeps zlib's working memory small. */
const options: zlib.ZlibOptions = { level: 1, windowBits: 12, memLevel: 5 };

export type StepSummary = Pick<Step, "name" | "transitioned_from" | "transitioned_to">;

interface Archived {
  readonly context: ExecutionContext;
  readonly steps: Step[];
  readonly transcript: TranscriptEntry[];
}

/**
 * An ended run kept compressed: each step holds a whole context, so the tutorial's 8 KB of
 * objects fit in about 1 KB. Ten thousand retained executions then cost megabytes, not tens of
 * them. Read back (and parsed) on each access: ended runs are read rarely.
 */
export class ArchivedRun implements RunView {
  readonly status = "ended";
  readonly waitingAt = undefined;
  readonly endReason: EndReason | undefined;
  /** Kept as is: what an inbound message's outcome reports about the run that just ended. */
  readonly lastStep: StepSummary | undefined;
  /** The deflated JSON as a one-byte string: on V8's heap, not one more native allocation. */
  readonly #data: string;

  constructor(run: RunView) {
    const archived: Archived = {
      context: run.context,
      steps: [...run.steps],
      transcript: [...run.transcript],
    };
    this.lastStep = lastStepOf(run);
    this.endReason = run.endReason;
    this.#data = zlib.deflateRawSync(JSON.stringify(archived), options).toString("latin1");
  }

  get context(): ExecutionContext {
    return this.#open().context;
  }

  get steps(): readonly Step[] {
    return this.#open().steps;
  }

  get transcript(): readonly TranscriptEntry[] {
    return this.#open().transcript;
  }

  #open(): Archived {
    const text = zlib.inflateRawSync(Buffer.from(this.#data, "latin1"), options).toString("utf8");
    return JSON.parse(text) as Archived;
  }
}

/** The run's last step, as an outcome summarises it, without reading a whole archive back. */
export function lastStepOf(run: RunView): StepSummary | undefined {
  if (run instanceof ArchivedRun) return run.lastStep;
  const last = run.steps[run.steps.length - 1];
  return (
    last && {
      name: last.name,
      transitioned_from: last.transitioned_from,
      transitioned_to: last.transitioned_to,
    }
  );
}
