import { type Handler, type Method, type RequestContext, type Route } from "../context";
import { notFound } from "../errors";
import { type ConversationRecord } from "../state";

/**
 * Which Conversations service a request addresses: the account's default service under
 * `/v1/Conversations…`, or the one named by `/v1/Services/{ChatServiceSid}/Conversations…`.
 * Service-scoped answers carry `chat_service_sid` and service-scoped URLs.
 */
export interface Scope {
  readonly serviceSid: string;
  readonly scoped: boolean;
  /** URL prefix of the conversations collection, e.g. `http://127.0.0.1:N/v1/Services/IS…/Conversations`. */
  readonly conversations: string;
}

export function scopeOf(ctx: RequestContext): Scope {
  const sid = ctx.params["ChatServiceSid"];
  if (sid === undefined) {
    const serviceSid = ctx.store.configuration.default_chat_service_sid;
    return { serviceSid, scoped: false, conversations: `${ctx.base}/v1/Conversations` };
  }
  if (!ctx.store.services.has(sid)) throw notFound(ctx.path);
  return { serviceSid: sid, scoped: true, conversations: `${ctx.base}/v1/Services/${sid}/Conversations` };
}

/** The same handlers under `/v1/Conversations…` and `/v1/Services/:ChatServiceSid/Conversations…`. */
export function inBothScopes(path: string, handlers: Partial<Record<Method, Handler>>): Route[] {
  return [
    { path: `/v1${path}`, handlers },
    { path: `/v1/Services/:ChatServiceSid${path}`, handlers },
  ];
}

/** `{Sid}` may be the CH SID or the conversation's unique name, within the scope's service. */
export function findConversation(
  ctx: RequestContext,
  scope: Scope,
  key: string | undefined,
): ConversationRecord {
  for (const c of ctx.store.conversations.values()) {
    if (
      c.chat_service_sid === scope.serviceSid &&
      (c.sid === key || (c.unique_name !== null && c.unique_name === key))
    )
      return c;
  }
  throw notFound(ctx.path);
}

/** The records of one collection (participants, webhooks, messages) that belong to a conversation. */
export function recordsIn<T extends { conversation_sid: string }>(
  records: ReadonlyMap<string, T>,
  conversation: ConversationRecord,
): T[] {
  return [...records.values()].filter((r) => r.conversation_sid === conversation.sid);
}

/**
 * The scope and the conversation a `/Conversations/{ConversationSid}/…` request addresses
 * (404 when the conversation is not in the scope's service).
 */
export function conversationOf(ctx: RequestContext): { scope: Scope; conversation: ConversationRecord } {
  const scope = scopeOf(ctx);
  return { scope, conversation: findConversation(ctx, scope, ctx.params["ConversationSid"]) };
}

/** The record `sid` of `records` when it belongs to `conversation`; 404 otherwise. */
export function recordIn<T extends { conversation_sid: string }>(
  ctx: RequestContext,
  records: ReadonlyMap<string, T>,
  conversation: ConversationRecord,
  sid: string | undefined,
): T {
  const record = sid === undefined ? undefined : records.get(sid);
  if (!record || record.conversation_sid !== conversation.sid) throw notFound(ctx.path);
  return record;
}

/** Adds `chat_service_sid` after `account_sid` where the service-scoped schema has it. */
export function withService<T extends Record<string, unknown>>(scope: Scope, serviceSid: string, body: T) {
  if (!scope.scoped) return body;
  const { account_sid, ...rest } = body;
  return { account_sid, chat_service_sid: serviceSid, ...rest };
}
