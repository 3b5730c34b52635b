import { created, noContent, ok, type RequestContext, type Route } from "../context";
import { ApiError, codes } from "../errors";
import { page } from "../pagination";
import { isoNow, newSid } from "../sids";
import { conversationStateSchema, type ConversationRecord } from "../state";
import { type Store } from "../store";
import { forgetConversation } from "./message-records";
import { findConversation, inBothScopes, scopeOf, type Scope } from "./scope";
import { addSeconds, durationSeconds, readAttributes, readDate, readDuration } from "./values";

const states = conversationStateSchema.options;

export function renderConversation(ctx: RequestContext, scope: Scope, c: ConversationRecord) {
  const url = `${scope.conversations}/${c.sid}`;
  return {
    account_sid: c.account_sid,
    chat_service_sid: c.chat_service_sid,
    messaging_service_sid: c.messaging_service_sid,
    sid: c.sid,
    friendly_name: c.friendly_name,
    unique_name: c.unique_name,
    attributes: c.attributes,
    state: c.state,
    date_created: c.date_created,
    date_updated: c.date_updated,
    timers: c.timers,
    url,
    links: {
      participants: `${url}/Participants`,
      messages: `${url}/Messages`,
      webhooks: `${url}/Webhooks`,
      export: `${url}/Export`,
    },
    bindings: c.bindings,
  };
}

/** A new active conversation in `serviceSid`, not yet stored. */
export function newConversation(store: Store, serviceSid: string, now: string): ConversationRecord {
  return {
    sid: newSid("CH"),
    account_sid: store.accountSid,
    chat_service_sid: serviceSid,
    messaging_service_sid: store.configuration.default_messaging_service_sid,
    friendly_name: null,
    unique_name: null,
    attributes: "{}",
    state: "active",
    date_created: now,
    date_updated: now,
    timers: {},
    bindings: {},
  };
}

/** Deleting a conversation takes its participants, scoped webhooks and messages with it. */
export function deleteConversation(ctx: RequestContext, sid: string): void {
  ctx.store.conversations.delete(sid);
  for (const [id, p] of ctx.store.participants)
    if (p.conversation_sid === sid) ctx.store.participants.delete(id);
  for (const [id, w] of ctx.store.webhooks) if (w.conversation_sid === sid) ctx.store.webhooks.delete(id);
  for (const [id, m] of ctx.store.messages) if (m.conversation_sid === sid) ctx.store.messages.delete(id);
  forgetConversation(ctx.store, sid);
}

/** Applies the create/update parameters (all optional on both) to a conversation. */
function applyWrite(ctx: RequestContext, scope: Scope, c: ConversationRecord): void {
  const form = ctx.form;
  const uniqueName = form.string("UniqueName");
  if (uniqueName !== undefined && uniqueName !== c.unique_name) {
    const taken = [...ctx.store.conversations.values()].find(
      (o) => o.chat_service_sid === scope.serviceSid && o.unique_name === uniqueName && o.sid !== c.sid,
    );
    if (taken)
      throw new ApiError(
        409,
        codes.conversationUniqueNameExists,
        `Conversation with provided unique name already exists: ${taken.sid}`,
      );
    c.unique_name = uniqueName;
  }
  c.friendly_name = form.string("FriendlyName") ?? c.friendly_name;
  c.messaging_service_sid = form.sid("MessagingServiceSid", "MG") ?? c.messaging_service_sid;
  c.attributes = readAttributes(form) ?? c.attributes;
  c.state = form.oneOf("State", states) ?? c.state;
  c.date_created = readDate(form, "DateCreated") ?? c.date_created;
  const inactive = readDuration(form, "Timers.Inactive", 60);
  const closed = readDuration(form, "Timers.Closed", 600);
  // Twilio answers with the moments the timers fire, not the durations sent.
  if (inactive !== undefined) c.timers["date_inactive"] = addSeconds(isoNow(), durationSeconds("", inactive));
  if (closed !== undefined) c.timers["date_closed"] = addSeconds(isoNow(), durationSeconds("", closed));
  const emailAddress = form.string("Bindings.Email.Address");
  const emailName = form.string("Bindings.Email.Name");
  if (emailAddress !== undefined || emailName !== undefined) {
    const previous = (c.bindings["email"] ?? {}) as Record<string, unknown>;
    c.bindings["email"] = {
      ...previous,
      ...(emailAddress !== undefined ? { projected_address: emailAddress } : {}),
      ...(emailName !== undefined ? { name: emailName } : {}),
    };
  }
}

export const conversationRoutes: Route[] = [
  ...inBothScopes("/Conversations", {
    POST: (ctx) => {
      const scope = scopeOf(ctx);
      const c = newConversation(ctx.store, scope.serviceSid, isoNow());
      applyWrite(ctx, scope, c);
      c.date_updated = readDate(ctx.form, "DateUpdated") ?? c.date_created;
      ctx.store.conversations.set(c.sid, c);
      return created(renderConversation(ctx, scope, c));
    },
    GET: (ctx) => {
      const scope = scopeOf(ctx);
      const state = ctx.query.get("State");
      const items = [...ctx.store.conversations.values()]
        .filter((c) => c.chat_service_sid === scope.serviceSid && (state === null || c.state === state))
        .map((c) => renderConversation(ctx, scope, c));
      return ok(page(ctx, "conversations", items, 100, 50, state === null ? {} : { State: state }));
    },
  }),
  ...inBothScopes("/Conversations/:Sid", {
    GET: (ctx) => {
      const scope = scopeOf(ctx);
      return ok(renderConversation(ctx, scope, findConversation(ctx, scope, ctx.params["Sid"])));
    },
    POST: (ctx) => {
      const scope = scopeOf(ctx);
      // Changes go to a copy first so a bad parameter leaves the stored conversation untouched.
      const c = structuredClone(findConversation(ctx, scope, ctx.params["Sid"]));
      applyWrite(ctx, scope, c);
      c.date_updated = readDate(ctx.form, "DateUpdated") ?? isoNow();
      ctx.store.conversations.set(c.sid, c);
      return ok(renderConversation(ctx, scope, c));
    },
    DELETE: (ctx) => {
      const scope = scopeOf(ctx);
      deleteConversation(ctx, findConversation(ctx, scope, ctx.params["Sid"]).sid);
      return noContent();
    },
  }),
];
