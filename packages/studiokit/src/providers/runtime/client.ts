import { callError } from "./errors";
import twilio from "twilio";
import { type Connection } from "./settings";

/** Attempts per HTTP request for the cases the transport retries by itself (see `twilioClient`). */
export const transportAttempts = 6;
/** Attempts for a request answered 429: Twilio did not process it, so any request may be resent. */
const rateLimitedAttempts = 8;
const requestTimeoutMs = 20_000;
/** Connection errors after which the request never left: nothing to check before resending. */
const neverSent = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The first backoff step: 100 ms, or `STUDIOKIT_RETRY_DELAY_MS` (a whole number of milliseconds),
 * which shortens every wait against a local Twilio whose faults are injected. The kit's own tests
 * set it to 1 (packages/studiokit/vitest.projects.mts) so that a Twilio that never answers costs
 * them milliseconds; the plugin inherits it from the process that starts it. A Retry-After Twilio
 * sends is honoured whatever it is.
 */
function firstDelayMs(): number {
  const raw = process.env["STUDIOKIT_RETRY_DELAY_MS"];
  return raw !== undefined && /^\d{1,4}$/.test(raw) ? Number(raw) : 100;
}

/** Exponential backoff with jitter: about 100 ms, 200 ms … capped at ten times the first step (1 s). */
export function backoffMs(attempt: number): number {
  const first = firstDelayMs();
  const ceiling = Math.min(10 * first, first * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** `Retry-After` in seconds (the only form Twilio documents), capped at a minute. */
export function retryAfterMs(headers: unknown): number | undefined {
  if (typeof headers !== "object" || headers === null) return undefined;
  const raw = (headers as Record<string, unknown>)["retry-after"];
  const seconds = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw !== undefined && raw !== null && Number.isFinite(seconds) && seconds >= 0
    ? Math.min(seconds, 60) * 1000
    : undefined;
}

/**
 * A twilio client whose transport (1) sends every request to `apiBaseUrl` when one is set, keeping
 * path and query (docs/twilio-rest.md §12), and (2) retries what is safe to retry at that level:
 * every request answered 429 (Twilio did not process it), honouring Retry-After, and GET/DELETE
 * after a 5xx or no reply. A POST that got a 5xx or no reply is handed back: only the caller knows
 * how to check whether it was applied before sending it again.
 */
export type TwilioClient = ReturnType<typeof twilio>;

export function twilioClient(connection: Connection): TwilioClient {
  const http = new twilio.RequestClient({ autoRetry: false, keepAlive: false, timeout: requestTimeoutMs });
  const send = http.request.bind(http);
  const base = connection.apiBaseUrl;
  http.request = async (opts) => {
    const target = new URL(opts.uri);
    const uri = base ? new URL(target.pathname + target.search, base).toString() : opts.uri;
    const idempotent = opts.method === "get" || opts.method === "delete";
    const label = `${String(opts.method).toUpperCase()} ${target.pathname}`;
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      let response;
      try {
        response = await send({ ...opts, uri, headers: { ...opts.headers } });
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (idempotent && ++failures < transportAttempts) {
          await sleep(backoffMs(failures));
          continue;
        }
        throw callError(
          `${label}: no reply from Twilio (${typeof code === "string" ? code : "connection failed"})`,
          { noReply: true, ...(typeof code === "string" && neverSent.has(code) ? { notSent: true } : {}) },
        );
      }
      const status = response.statusCode;
      const wait = retryAfterMs(response.headers);
      if (status === 429 && ++rateLimited < rateLimitedAttempts) {
        await sleep(wait ?? backoffMs(rateLimited));
        continue;
      }
      if (idempotent && status >= 500 && ++failures < transportAttempts) {
        await sleep(backoffMs(failures));
        continue;
      }
      return response;
    }
  };
  return twilio(connection.username, connection.password, {
    accountSid: connection.accountSid,
    httpClient: http,
    autoRetry: false,
  });
}
