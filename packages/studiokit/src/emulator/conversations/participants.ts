import { created, noContent, ok, type RequestContext, type Route } from "../context";
import { ApiError, codes, invalidParameter, notFound } from "../errors";
import { page } from "../pagination";
import { isoNow, newSid } from "../sids";
import { type ConversationRecord, type ParticipantRecord } from "../state";
import { type Store } from "../store";
import { conversationOf, inBothScopes, recordsIn, withService, type Scope } from "./scope";
import { readAttributes, readDate } from "./values";

function render(ctx: RequestContext, scope: Scope, p: ParticipantRecord) {
  return withService(scope, p.chat_service_sid, {
    account_sid: p.account_sid,
    conversation_sid: p.conversation_sid,
    sid: p.sid,
    identity: p.identity,
    attributes: p.attributes,
    messaging_binding: p.messaging_binding,
    role_sid: p.role_sid,
    date_created: p.date_created,
    date_updated: p.date_updated,
    url: `${scope.conversations}/${p.conversation_sid}/Participants/${p.sid}`,
    last_read_message_index: p.last_read_message_index,
    last_read_timestamp: p.last_read_timestamp,
  });
}

/** The channel a binding address belongs to, from its prefix (`whatsapp:+1…`, `rcs:+1…`); else sms. */
function channelOf(address: string): string {
  const prefix = /^([a-z]+):/.exec(address)?.[1];
  return prefix === undefined ? "sms" : prefix;
}

function find(
  ctx: RequestContext,
  conversation: ConversationRecord,
  key: string | undefined,
): ParticipantRecord {
  for (const p of ctx.store.participants.values())
    if (
      p.conversation_sid === conversation.sid &&
      (p.sid === key || (p.identity !== null && p.identity === key))
    )
      return p;
  throw notFound(ctx.path);
}

/**
 * The participant whose binding is `address` via `proxy` in a conversation that is not closed:
 * where Conversations routes a message from `address` to `proxy`. `except` skips one participant.
 */
export function findByPair(
  store: Store,
  address: string,
  proxy: string | undefined,
  except?: string,
): ParticipantRecord | undefined {
  for (const p of store.participants.values()) {
    const b = p.messaging_binding;
    if (p.sid === except || b?.address !== address || b.proxy_address !== proxy) continue;
    const conversation = store.conversations.get(p.conversation_sid);
    if (conversation && conversation.state !== "closed") return p;
  }
  return undefined;
}

/** A participant with Twilio's defaults, not yet stored. */
export function newParticipant(
  conversation: ConversationRecord,
  fields: Pick<ParticipantRecord, "identity" | "messaging_binding">,
  now: string,
): ParticipantRecord {
  return {
    sid: newSid("MB"),
    account_sid: conversation.account_sid,
    chat_service_sid: conversation.chat_service_sid,
    conversation_sid: conversation.sid,
    ...fields,
    attributes: "{}",
    role_sid: null,
    date_created: now,
    date_updated: now,
    last_read_message_index: null,
    last_read_timestamp: null,
  };
}

/**
 * One address + proxy pair may be in one open conversation only (50416); the same identity
 * once per conversation (50433, UNCONFIRMED code).
 */
function checkUnique(ctx: RequestContext, conversation: ConversationRecord, p: ParticipantRecord): void {
  for (const other of ctx.store.participants.values())
    if (
      other.sid !== p.sid &&
      p.identity !== null &&
      other.conversation_sid === conversation.sid &&
      other.identity === p.identity
    )
      throw new ApiError(
        409,
        codes.participantExists,
        `Participant with identity "${p.identity}" already exists`,
      );
  const a = p.messaging_binding;
  const other = a?.address ? findByPair(ctx.store, a.address, a.proxy_address, p.sid) : undefined;
  if (other)
    throw new ApiError(
      409,
      codes.participantPairInUse,
      `Participant and proxy address pair (${a?.address}, ${a?.proxy_address}) is already in use by ${other.sid} in conversation ${other.conversation_sid}`,
    );
}

function readBinding(ctx: RequestContext): ParticipantRecord["messaging_binding"] {
  const form = ctx.form;
  const address = form.string("MessagingBinding.Address");
  const proxy = form.string("MessagingBinding.ProxyAddress");
  const projected = form.string("MessagingBinding.ProjectedAddress");
  if (address === undefined) {
    if (projected !== undefined) return { type: channelOf(projected), projected_address: projected };
    if (proxy !== undefined)
      throw invalidParameter("MessagingBinding.ProxyAddress needs MessagingBinding.Address");
    return null;
  }
  if (address === "") throw invalidParameter("Invalid parameter MessagingBinding.Address: must not be empty");
  if (proxy === undefined || proxy === "")
    throw new ApiError(400, codes.participantProxyEmpty, "Participant proxy address is empty");
  if (proxy === address)
    throw new ApiError(400, codes.participantAddressEqualsProxy, "Participant address equals proxy address");
  return { type: channelOf(address), address, proxy_address: proxy };
}

export const participantRoutes: Route[] = [
  ...inBothScopes("/Conversations/:ConversationSid/Participants", {
    POST: (ctx) => {
      const { scope, conversation } = conversationOf(ctx);
      const now = isoNow();
      const binding = readBinding(ctx);
      const identity = ctx.form.string("Identity") ?? null;
      if (binding === null && identity === null)
        throw invalidParameter("A participant needs Identity or MessagingBinding.Address");
      const dateCreated = readDate(ctx.form, "DateCreated") ?? now;
      const p: ParticipantRecord = {
        ...newParticipant(conversation, { identity, messaging_binding: binding }, dateCreated),
        attributes: readAttributes(ctx.form) ?? "{}",
        role_sid: ctx.form.sid("RoleSid", "RL") ?? null,
        date_updated: readDate(ctx.form, "DateUpdated") ?? dateCreated,
      };
      checkUnique(ctx, conversation, p);
      ctx.store.participants.set(p.sid, p);
      return created(render(ctx, scope, p));
    },
    GET: (ctx) => {
      const { scope, conversation } = conversationOf(ctx);
      const items = recordsIn(ctx.store.participants, conversation).map((p) => render(ctx, scope, p));
      return ok(page(ctx, "participants", items, 100));
    },
  }),
  ...inBothScopes("/Conversations/:ConversationSid/Participants/:Sid", {
    GET: (ctx) => {
      const { scope, conversation } = conversationOf(ctx);
      return ok(render(ctx, scope, find(ctx, conversation, ctx.params["Sid"])));
    },
    // MessagingBinding.Address cannot change in place (replace); a new proxy address is 50441.
    POST: (ctx) => {
      const { scope, conversation } = conversationOf(ctx);
      const form = ctx.form;
      const p = structuredClone(find(ctx, conversation, ctx.params["Sid"]));
      const proxy = form.string("MessagingBinding.ProxyAddress");
      if (proxy !== undefined && proxy !== p.messaging_binding?.proxy_address)
        throw new ApiError(
          400,
          codes.participantProxyUpdateFailed,
          "Failed to add a proxy address to a participant",
        );
      p.identity = form.string("Identity") ?? p.identity;
      p.attributes = readAttributes(form) ?? p.attributes;
      p.role_sid = form.sid("RoleSid", "RL") ?? p.role_sid;
      p.last_read_message_index = form.int("LastReadMessageIndex", 0) ?? p.last_read_message_index;
      p.last_read_timestamp = form.string("LastReadTimestamp") ?? p.last_read_timestamp;
      p.date_created = readDate(form, "DateCreated") ?? p.date_created;
      p.date_updated = readDate(form, "DateUpdated") ?? isoNow();
      checkUnique(ctx, conversation, p);
      ctx.store.participants.set(p.sid, p);
      return ok(render(ctx, scope, p));
    },
    DELETE: (ctx) => {
      const { conversation } = conversationOf(ctx);
      ctx.store.participants.delete(find(ctx, conversation, ctx.params["Sid"]).sid);
      return noContent();
    },
  }),
];
