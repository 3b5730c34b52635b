import { type FaultKind } from "./faults";

/** One request as the emulator saw it (never the Authorization header). */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** The intended Twilio host when the client kept it in `X-Twilio-Host` (docs/twilio-rest.md §12). */
  readonly host: string | undefined;
  readonly form: ReadonlyArray<readonly [string, string]>;
  /** HTTP status sent, or "dropped" when the connection was destroyed without a reply. */
  status: number | "dropped";
  readonly fault: FaultKind | undefined;
  /** For mutations: whether the store was changed (false for rejected or not-applied requests). */
  applied: boolean;
}

/** The request counter and a bounded log holding at least the `limit` most recent requests. */
export class RequestLog {
  private total = 0;
  private readonly entries: RecordedRequest[] = [];

  constructor(private readonly limit = 10_000) {}

  get count(): number {
    return this.total;
  }

  get log(): readonly RecordedRequest[] {
    return this.entries;
  }

  add(entry: RecordedRequest): void {
    this.total += 1;
    this.entries.push(entry);
    // Trimmed in batches so a long load run costs O(1) per request, not a shift of the whole log.
    if (this.entries.length >= 2 * this.limit) this.entries.splice(0, this.limit);
  }

  clear(): void {
    this.total = 0;
    this.entries.length = 0;
  }
}
