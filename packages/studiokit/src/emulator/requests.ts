import { type FaultKind } from "./faults";
import { RecentLog } from "./recent-log";

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

/** The request counter and a bounded log holding at least the 10,000 most recent requests. */
export class RequestLog extends RecentLog<RecordedRequest> {}
