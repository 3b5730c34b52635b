import { backoffMs, sleep } from "./client";
import { callError, isNotFound, isRetryable, toCallError, type CallError } from "./errors";

/**
 * Steps of a write (resend, or check whether it was applied), on top of the transport's retries
 * of GET/DELETE and of any 429 (client.ts). A Twilio that never answers fails a create after
 * about ten seconds; nothing hangs.
 */
export const operationAttempts = 6;

/** Waits before the next step: as long as Twilio asked (429), else exponential backoff. */
const pause = (error: CallError, attempt: number) => sleep(error.retryAfterMs ?? backoffMs(attempt));

/** One call, its failure turned into a safe one-line CallError (GET and DELETE: the transport retries). */
export async function call<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (thrown) {
    throw toCallError(thrown, action);
  }
}

/**
 * A failure after which the write may still have been applied: no reply on a connection that was
 * made, or a 5xx (never a 429, and never a connection refused).
 */
const mayHaveApplied = (error: CallError) =>
  (error.noReply === true && error.notSent !== true) || (error.status !== undefined && error.status >= 500);

/** What to do about a write whose outcome is unknown: the state holds what it held before. */
const refresh = "run pulumi refresh";
/** A create whose outcome is unknown has no SID for the state, so no refresh can find it. */
const lookForIt = "if it was, it is not in the state: look for it in Twilio before the next pulumi up";

/**
 * Reads Twilio back after a write that may have been applied: `settle` answers what the write
 * achieved, or `undefined` when it did not take effect. Reads are harmless, so a read that fails
 * is tried again; one that never succeeds fails the write with a message saying it is unknown,
 * and `advice`.
 */
async function readBack<T>(
  action: string,
  failure: CallError,
  settle: () => Promise<T | undefined>,
  advice: string,
): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await settle();
    } catch (thrown) {
      const error = toCallError(thrown, `${action} (checking whether it was applied)`);
      if (!isRetryable(error) || attempt >= operationAttempts)
        throw callError(
          `${failure.message}; whether it was applied is unknown (${error.message}): ${advice}`,
          { action },
        );
      await pause(error, attempt);
    }
  }
}

/**
 * Sends a write whose reply may be lost and must not be applied twice: after every failure that
 * may still have been applied (no reply, 5xx), Twilio is read back first (`settle`); what the
 * write already achieved is answered, and only a write that did not take effect is sent again.
 * The last failure is read back too, so a write is never reported failed when it took effect
 * (docs/twilio-rest.md §13): a lost reply leaves no duplicate, no orphan and no unreported update.
 */
async function writeOnce<T>(
  action: string,
  write: () => Promise<T>,
  settle: () => Promise<T | undefined>,
  advice = refresh,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let failure: CallError;
    try {
      return await write();
    } catch (thrown) {
      failure = toCallError(thrown, action);
    }
    if (!isRetryable(failure)) throw failure;
    if (mayHaveApplied(failure)) {
      const settled = await readBack(action, failure, settle, advice);
      if (settled !== undefined) return settled;
    }
    if (attempt >= operationAttempts) throw failure;
    await pause(failure, attempt);
  }
}

/**
 * Resends a request whose repetition changes nothing (FlowValidate) after a failure that may not
 * have reached Twilio: a `writeOnce` with nothing to read back.
 */
export function retrying<T>(action: string, run: () => Promise<T>): Promise<T> {
  return writeOnce(action, run, async () => undefined);
}

/** Creates a resource without ever leaving a duplicate: `find` looks it up by its unique key. */
export const createOrAdopt = <T>(
  action: string,
  create: () => Promise<T>,
  find: () => Promise<T | undefined>,
) => writeOnce(action, create, find, lookForIt);

/** An update that is resent only while the read-back (`current`) shows it not `applied`. */
export const updateVerified = <T>(
  action: string,
  update: () => Promise<T>,
  current: () => Promise<T>,
  applied: (value: T) => boolean,
) =>
  writeOnce(action, update, async () => {
    const now = await current();
    return applied(now) ? now : undefined;
  });

/**
 * DELETE that treats "already gone" (404) as done. The transport resends a DELETE whose reply is
 * lost; when it gives up, `fetch` reads the resource back: gone means done.
 */
export async function removeIfPresent(
  action: string,
  remove: () => Promise<unknown>,
  fetch: () => Promise<unknown>,
): Promise<void> {
  const removed = async () => {
    try {
      await remove();
    } catch (thrown) {
      if (!isNotFound(toCallError(thrown, action))) throw thrown;
    }
    return true;
  };
  const gone = async () => ((await fetchIfPresent(action, fetch)) === undefined ? true : undefined);
  await writeOnce(action, removed, gone);
}

/** GET that answers `undefined` for a resource that no longer exists (refresh after a console delete). */
export async function fetchIfPresent<T>(action: string, fetch: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call(action, fetch);
  } catch (thrown) {
    const error = thrown as CallError;
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
