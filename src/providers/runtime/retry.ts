import { backoffMs, sleep } from "./client";
import { isNotFound, isRetryable, toCallError, type CallError } from "./errors";

/** Attempts per provider operation, on top of the transport's own retries. */
export const operationAttempts = 8;

/**
 * Runs an operation whose repetition is harmless (a GET, an update that sets values, a DELETE),
 * again after a retryable failure; anything else fails at once with a safe one-line message.
 */
export async function retrying<T>(action: string, run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (thrown) {
      const error = toCallError(thrown, action);
      if (!isRetryable(error) || attempt >= operationAttempts) throw error;
      await sleep(error.retryAfterMs ?? backoffMs(attempt));
    }
  }
}

/**
 * Creates a resource without ever leaving a duplicate (R3): when a create fails in a way that
 * may still have been applied (no reply, 5xx), `find` looks the resource up by its unique key and
 * adopts it before any new attempt is sent.
 */
export async function createOrAdopt<T>(
  action: string,
  create: () => Promise<T>,
  find: () => Promise<T | undefined>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let error: CallError;
    try {
      return await create();
    } catch (thrown) {
      error = toCallError(thrown, action);
    }
    if (!isRetryable(error) || attempt >= operationAttempts) {
      // Even the last failure may have created it; one last look keeps it out of the orphans.
      const found = isRetryable(error) ? await retrying(`${action} (look-up)`, find) : undefined;
      if (found !== undefined) return found;
      throw error;
    }
    await sleep(error.retryAfterMs ?? backoffMs(attempt));
    const found = await retrying(`${action} (look-up)`, find);
    if (found !== undefined) return found;
  }
}

/**
 * An update that must not be lost nor applied twice needlessly: after an ambiguous failure,
 * `current` reads the resource back and `applied` decides whether the update already took effect.
 */
export async function updateVerified<T>(
  action: string,
  update: () => Promise<T>,
  current: () => Promise<T>,
  applied: (value: T) => boolean,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let error: CallError;
    try {
      return await update();
    } catch (thrown) {
      error = toCallError(thrown, action);
    }
    if (!isRetryable(error) || attempt >= operationAttempts) throw error;
    await sleep(error.retryAfterMs ?? backoffMs(attempt));
    const now = await retrying(`${action} (read-back)`, current);
    if (applied(now)) return now;
  }
}

/** DELETE that treats "already gone" (404) as done. */
export async function removeIfPresent(action: string, remove: () => Promise<unknown>): Promise<void> {
  try {
    await retrying(action, remove);
  } catch (thrown) {
    const error = thrown as CallError;
    if (!isNotFound(error)) throw error;
  }
}

/** GET that answers `undefined` for a resource that no longer exists (refresh after a console delete). */
export async function fetchIfPresent<T>(action: string, fetch: () => Promise<T>): Promise<T | undefined> {
  try {
    return await retrying(action, fetch);
  } catch (thrown) {
    const error = thrown as CallError;
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
