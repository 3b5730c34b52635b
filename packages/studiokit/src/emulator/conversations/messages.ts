import { created, noContent, ok, type RequestContext, type Route } from "../context";
import { invalidParameter } from "../errors";
import { deliverToConversation } from "../live/deliver";
import { Outcome } from "../live/wire";
import { page } from "../pagination";
import { type ConversationRecord, type MessageRecord } from "../state";
import { addMessage } from "./message-records";
import { conversationOf, inBothScopes, recordIn, recordsIn, withService, type Scope } from "./scope";
import { readAttributes, readDate } from "./values";

function render(scope: Scope, m: MessageRecord) {
  const url = `${scope.conversations}/${m.conversation_sid}/Messages/${m.sid}`;
  return withService(scope, m.chat_service_sid, {
    account_sid: m.account_sid,
    conversation_sid: m.conversation_sid,
    sid: m.sid,
    index: m.index,
    author: m.author,
    body: m.body,
    media: null,
    attributes: m.attributes,
    participant_sid: m.participant_sid,
    date_created: m.date_created,
    date_updated: m.date_updated,
    url,
    // Delivery receipts are not emulated.
    delivery: null,
    links: { delivery_receipts: `${url}/Receipts`, channel_metadata: `${url}/ChannelMetadata` },
    content_sid: m.content_sid,
  });
}

/** The participant an `Author` names: by identity, or by the messaging binding's address. */
const participantOf = (ctx: RequestContext, conversation: ConversationRecord, author: string) =>
  recordsIn(ctx.store.participants, conversation).find(
    (p) => p.identity === author || p.messaging_binding?.address === author,
  );

/**
 * Create: stored at the end of the conversation. When the author is one of its participants the
 * message goes to the conversation's studio webhooks, as a message from that contact would
 * (UNCONFIRMED: whether Twilio needs X-Twilio-Webhook-Enabled for that; the emulator never asks).
 * The reply comes once the flows it woke wait again or have ended.
 */
async function create(ctx: RequestContext) {
  const { scope, conversation } = conversationOf(ctx);
  const form = ctx.form;
  if (form.has("MediaSid")) throw invalidParameter("MediaSid: media messages are not emulated; send a Body");
  const body = form.string("Body") ?? null;
  const contentSid = form.sid("ContentSid", "HX") ?? null;
  if (body === null && contentSid === null) throw invalidParameter("A message needs a Body or a ContentSid");
  const author = form.string("Author") ?? "system";
  const attributes = readAttributes(form) ?? "{}";
  const dateCreated = readDate(form, "DateCreated");
  const dateUpdated = readDate(form, "DateUpdated");
  return ctx.live.serial(async () => {
    const participant = participantOf(ctx, conversation, author);
    const message = addMessage(ctx.store, conversation, {
      author,
      body,
      participantSid: participant?.sid ?? null,
      date: dateCreated ?? ctx.live.now(),
      attributes,
      contentSid,
      dateUpdated: dateUpdated ?? null,
    });
    if (participant)
      await deliverToConversation(ctx.live, new Outcome(ctx.live), {
        conversation,
        participant,
        message,
        source: "API",
      });
    return created(render(scope, message));
  });
}

export const messageRoutes: Route[] = [
  ...inBothScopes("/Conversations/:ConversationSid/Messages", {
    POST: create,
    GET: (ctx) => {
      const { scope, conversation } = conversationOf(ctx);
      const raw = ctx.query.get("Order");
      const descending = raw !== null && raw.toLowerCase() === "desc";
      if (raw !== null && !["asc", "desc"].includes(raw.toLowerCase()))
        throw invalidParameter(`Invalid parameter Order: "${raw}" is not one of asc, desc`);
      const items = recordsIn(ctx.store.messages, conversation)
        .sort((a, b) => (descending ? b.index - a.index : a.index - b.index))
        .map((m) => render(scope, m));
      return ok(page(ctx, "messages", items, 100, 50, raw === null ? {} : { Order: raw }));
    },
  }),
  ...inBothScopes("/Conversations/:ConversationSid/Messages/:Sid", {
    GET: (ctx) => {
      const { scope, conversation } = conversationOf(ctx);
      return ok(render(scope, recordIn(ctx, ctx.store.messages, conversation, ctx.params["Sid"])));
    },
    DELETE: (ctx) => {
      const { conversation } = conversationOf(ctx);
      ctx.store.messages.delete(recordIn(ctx, ctx.store.messages, conversation, ctx.params["Sid"]).sid);
      return noContent();
    },
  }),
];
