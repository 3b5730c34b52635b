/**
 * A failed Twilio call, reduced to data that is safe to show: the HTTP status, Twilio's error code
 * and message, and for 429 how long Twilio asked us to wait. Library and axios error objects
 * carry the request (Authorization header included), so they never leave this module whole.
 */
export interface CallError extends Error {
  status?: number;
  code?: number;
  retryAfterMs?: number;
  /** No reply at all (connection dropped, timed out): the request may or may not have been applied. */
  noReply?: boolean;
  /** The connection was never made (refused, unknown host): the request cannot have been applied. */
  notSent?: boolean;
  /** Extra data Twilio attached (Studio's validation problems under `details.errors`). */
  details?: unknown;
  /** The operation the message names; set once, so nested operations never re-prefix it. */
  action?: string;
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

export function callError(message: string, extra: Omit<CallError, "name" | "message"> = {}): CallError {
  return Object.assign(new Error(message), extra);
}

/** Any thrown value → a CallError whose message names the action and carries no credentials. */
export function toCallError(error: unknown, action: string): CallError {
  if (typeof field(error, "action") === "string") return error as CallError;
  const status = field(error, "status");
  const code = field(error, "code");
  const message = field(error, "message");
  if (typeof status === "number") {
    const twilioCode = typeof code === "number" ? `, Twilio error ${code}` : "";
    const text = typeof message === "string" && message ? message : "request failed";
    return callError(`${action}: ${text} (HTTP ${status}${twilioCode})`, {
      action,
      status,
      ...(typeof code === "number" ? { code } : {}),
      ...(field(error, "retryAfterMs") !== undefined
        ? { retryAfterMs: Number(field(error, "retryAfterMs")) }
        : {}),
      ...(field(error, "details") !== undefined ? { details: field(error, "details") } : {}),
    });
  }
  if (field(error, "noReply") === true)
    return callError(`${action}: ${String(message)}`, {
      action,
      noReply: true,
      ...(field(error, "notSent") === true ? { notSent: true } : {}),
    });
  if (typeof code === "string")
    return callError(`${action}: no reply from Twilio (${code})`, { action, noReply: true });
  const text = typeof message === "string" ? message : String(error);
  return callError(`${action}: ${text}`, { action });
}

/**
 * The failure of a create that did make the resource but could not finish it (a follow-up write
 * failed): with `id` and `properties` the engine keeps it in the state, so it is never orphaned.
 */
export function incomplete(error: unknown, action: string, id: string, properties: object): CallError {
  return Object.assign(toCallError(error, action), { id, properties });
}

/** Worth trying again: rate limited, a server error, or no reply at all. */
export function isRetryable(error: CallError): boolean {
  return (
    error.noReply === true || error.status === 429 || (error.status !== undefined && error.status >= 500)
  );
}

export const isNotFound = (error: CallError): boolean => error.status === 404;
