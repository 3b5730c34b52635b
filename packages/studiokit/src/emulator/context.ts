import { type Form } from "./form";
import { type Live } from "./live/live";
import { type Store } from "./store";

/** What a resource handler gets for one request. */
export interface RequestContext {
  readonly method: string;
  /** The request path without the query, e.g. `/v2/Flows/FW…`. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly form: Form;
  readonly store: Store;
  /** Running executions, the simulated clock and what flows sent (not persisted). */
  readonly live: Live;
  /** Where this emulator is served, e.g. `http://127.0.0.1:4010`; used in `url` and paging links. */
  readonly base: string;
  readonly accountSid: string;
}

export interface Reply {
  readonly status: number;
  /** JSON-encoded unless undefined (204). */
  readonly body?: unknown;
}

/**
 * Handlers work on the in-memory store and throw ApiError for 4xx. REST handlers answer
 * synchronously; those that run flows (executions, inbound messages, the clock) answer once the
 * flows they woke wait again or have ended.
 */
export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export type Method = "GET" | "POST" | "DELETE";

export interface Route {
  /** Literal segments and `:Name` captures, e.g. `/v2/Flows/:Sid/Revisions`. */
  readonly path: string;
  readonly handlers: Partial<Record<Method, Handler>>;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });
