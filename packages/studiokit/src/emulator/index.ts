/**
 * The emulator room: a local Twilio serving the REST endpoints studiokit's providers use
 * (Studio v2 Flows, Revisions, Validate, TestUsers; Conversations v1 address configurations,
 * conversations, participants, conversation-scoped webhooks, configuration, services; API 2010
 * IncomingPhoneNumbers, Messages and Calls), and running deployed flows through the engine:
 * Studio Executions and Steps, conversation messages, plain SMS and calls to numbers, and the
 * emulator-only `/studiokit/v1/Inbound` (a contact's message), `/studiokit/v1/Calls` (a caller)
 * and `/studiokit/v1/Clock`.
 */
import { type AddressInfo } from "node:net";
import { type Credentials } from "./auth";
import { FaultPlan, parseFaultOptions, type FaultOptions } from "./faults";
import { RequestLog } from "./requests";
import { Router } from "./router";
import { routes } from "./routes";
import { createServer, type RequestExtension } from "./server";
import { isSid } from "./sids";
import { isE164 } from "./api2010/format";
import { newIncomingPhoneNumber, numberFor } from "./api2010/phone-numbers";
import { Live } from "./live/live";
import { retentionSchema, type Retention, type RetentionOptions } from "./live/retention";
import { inMemory, loadStore, StateFile } from "./state-file";
import { Store } from "./store";

export { Store } from "./store";
export { RequestLog, type RecordedRequest } from "./requests";
export { RecentLog } from "./recent-log";
export { type RequestExtension } from "./server";
export { type Live, type LiveExecution, statusOf } from "./live/live";
export { receive as receiveInbound } from "./live/inbound";
export { startFlow } from "./live/direct";
export { placeCall } from "./live/voice";
export { faultOptionsSchema, type FaultOptions, type FaultKind } from "./faults";
export { retentionSchema, type Retention, type RetentionOptions } from "./live/retention";
export { codes as errorCodes, ApiError } from "./errors";
export { pathToPointer } from "./studio/definition";
export type * from "./state";
export { LiveClient, LiveClientError, type LiveClientOptions } from "./live/client";
export {
  outcomeSchema,
  clockSchema,
  executionSummarySchema,
  sentMessageSchema,
  type OutcomeBody,
  type ClockBody,
  type ExecutionSummary,
  type SentMessageBody,
} from "./live/wire";
export { callBodySchema, callLineSchema, type CallBody, type CallLine } from "./live/call-wire";
export { numberTarget, type NumberWebhooks, type Channel } from "./live/numbers";

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: "127.0.0.1";
  readonly accountSid: string;
  readonly authToken: string;
  /** API key SID (SK…) → secret, accepted in place of the account SID + token. */
  readonly apiKeys?: Readonly<Record<string, string>>;
  /** Load from this JSON file at start (if it exists) and write it after every change. */
  readonly stateFile?: string;
  /** Phone numbers (E.164) the account has: IncomingPhoneNumbers, made unless the state has them. */
  readonly numbers?: readonly string[];
  readonly faults?: FaultOptions;
  /**
   * How many ended executions stay listable, and for how many days of the emulator's clock
   * (default 10,000 and 30; docs/twilio-rest.md §5). Active executions always stay.
   */
  readonly retention?: RetentionOptions;
  /** One line per request (method, path, status, fault, ms); never credentials. */
  readonly log?: (line: string) => void;
  /** Answers requests that are not Twilio's first (`studiokit dev` serves its page this way). */
  readonly extension?: RequestExtension;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  /** Executions, the simulated clock and the messages flows sent. */
  readonly live: Live;
  readonly requests: RequestLog;
  /** Replace the fault plan (restarting its PRNG from the seed); `undefined` turns faults off. */
  setFaults(faults: FaultOptions | undefined): void;
  /** Gives the account these numbers (E.164) as IncomingPhoneNumbers, unless it has them already. */
  addNumbers(numbers: readonly string[]): void;
  close(): Promise<void>;
}

/** Bad options in one line each; a value that may be a secret put in the wrong place is never quoted. */
function checkOptions(options: EmulatorOptions): void {
  if (!isSid("AC", options.accountSid))
    throw new Error("emulator accountSid must be AC followed by 32 hex digits");
  if (options.authToken === "") throw new Error("emulator authToken must not be empty");
  for (const sid of Object.keys(options.apiKeys ?? {}))
    if (!isSid("SK", sid))
      throw new Error("emulator apiKeys: each key must be an API key SID, SK followed by 32 hex digits");
  for (const number of options.numbers ?? [])
    if (!isE164(number))
      throw new Error(`emulator number "${number}" is not an E.164 number such as +15017122661`);
}

function readRetention(input: RetentionOptions | undefined): Retention {
  const parsed = retentionSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `invalid emulator retention.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`,
  );
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  checkOptions(options);
  const retention = readRetention(options.retention);
  const host = options.host ?? "127.0.0.1";
  const store = options.stateFile
    ? loadStore(options.stateFile, options.accountSid)
    : new Store(options.accountSid);
  const addNumbers = (numbers: readonly string[]) => {
    for (const number of numbers) {
      if (numberFor(store, number) !== undefined) continue;
      const record = newIncomingPhoneNumber(options.accountSid, number);
      store.incomingPhoneNumbers.set(record.sid, record);
    }
  };
  addNumbers(options.numbers ?? []);
  // Written once before listening: a state file that cannot be written fails the start.
  const persistence = options.stateFile ? new StateFile(store, options.stateFile) : inMemory;
  const credentials: Credentials = {
    accountSid: options.accountSid,
    authToken: options.authToken,
    apiKeys: new Map(Object.entries(options.apiKeys ?? {})),
  };
  const live = new Live(store, Date.now(), retention);
  const requests = new RequestLog();
  let plan = options.faults ? new FaultPlan(parseFaultOptions(options.faults)) : undefined;
  let url = "";
  const { server, closeAll } = createServer({
    router: new Router(routes),
    store,
    live,
    credentials,
    requests,
    faults: () => plan,
    base: () => url,
    persistence,
    log: options.log,
    extension: options.extension,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${host}:${port}`;
  return {
    url,
    port,
    store,
    live,
    requests,
    setFaults: (faults) => {
      plan = faults ? new FaultPlan(parseFaultOptions(faults)) : undefined;
    },
    addNumbers: (numbers) => {
      for (const number of numbers)
        if (!isE164(number))
          throw new Error(`emulator number "${number}" is not an E.164 number such as +15017122661`);
      addNumbers(numbers);
      persistence.commit();
    },
    close: closeAll,
  };
}

/**
 * Every Twilio endpoint served, as `{method, path}` with the spec's `{Name}` placeholders (the
 * emulator's own `/studiokit/…` endpoints are not Twilio's and are left out).
 */
export function endpoints(): Array<{ method: string; path: string }> {
  return routes
    .filter((route) => !route.path.startsWith("/studiokit/"))
    .flatMap((route) =>
      Object.keys(route.handlers).map((method) => ({ method, path: route.path.replace(/:(\w+)/g, "{$1}") })),
    );
}
