import { backoffMs, sleep } from "./client";
import { isNotFound, isRetryable, toCallError, type CallError } from "./errors";

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
 * Sends a write whose reply may be lost and must not be applied twice: after a failure that may
 * still have been applied (no reply, 5xx), `settle` reads Twilio back first and answers what the
 * write already achieved, or `undefined` to send it again. A read-back that fails is tried again
 * before anything is resent. Creates use it to adopt a resource their lost reply created, so a lost
 * reply never leaves a duplicate (docs/twilio-rest.md §13).
 */
async function writeOnce<T>(
  action: string,
  write: () => Promise<T>,
  settle: () => Promise<T | undefined>,
): Promise<T> {
  let pending: CallError | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      if (pending !== undefined) {
        const settled = await settle();
        if (settled !== undefined) return settled;
        pending = undefined;
      }
      return await write();
    } catch (thrown) {
      const failure = toCallError(
        thrown,
        pending === undefined ? action : `${action} (checking whether it was applied)`,
      );
      if (!isRetryable(failure)) throw failure;
      // Out of attempts: the write's own failure is what the user needs to read.
      if (attempt >= operationAttempts) throw pending ?? failure;
      pending = pending ?? failure;
      await pause(failure, attempt);
    }
  }
}

/**
 * Resends a write whose repetition is harmless (an update that sets values) after a failure that
 * may not have reached Twilio; anything else fails at once with a safe one-line message: a
 * `writeOnce` with nothing to read back first.
 */
export function retrying<T>(action: string, run: () => Promise<T>): Promise<T> {
  return writeOnce(action, run, async () => undefined);
}

/** Creates a resource without ever leaving a duplicate: `find` looks it up by its unique key. */
export const createOrAdopt = <T>(
  action: string,
  create: () => Promise<T>,
  find: () => Promise<T | undefined>,
) => writeOnce(action, create, find);

/** An update that is not resent when the read-back shows it was applied (`applied`). */
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

/** DELETE that treats "already gone" (404) as done. */
export async function removeIfPresent(action: string, remove: () => Promise<unknown>): Promise<void> {
  try {
    await call(action, remove);
  } catch (thrown) {
    const error = thrown as CallError;
    if (!isNotFound(error)) throw error;
  }
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
