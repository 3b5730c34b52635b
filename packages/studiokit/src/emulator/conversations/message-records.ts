import { newSid } from "../sids";
import { type ConversationRecord, type MessageRecord } from "../state";
import { type Store } from "../store";

export interface NewMessage {
  /** The participant's identity or address, or `system` (Twilio's default author). */
  readonly author: string;
  readonly body: string | null;
  readonly participantSid: string | null;
  readonly date: string;
  readonly attributes?: string;
  readonly contentSid?: string | null;
  readonly dateUpdated?: string | null;
}

/**
 * The next index per conversation, counted from the stored messages once per store, then kept
 * up: indices only grow, even past deleted messages ("indices may skip numbers", says the spec).
 */
const nextIndexes = new WeakMap<Store, Map<string, number>>();

function takeIndex(store: Store, conversationSid: string): number {
  let next = nextIndexes.get(store);
  if (!next) {
    next = new Map();
    for (const m of store.messages.values())
      next.set(m.conversation_sid, Math.max(next.get(m.conversation_sid) ?? 0, m.index + 1));
    nextIndexes.set(store, next);
  }
  const index = next.get(conversationSid) ?? 0;
  next.set(conversationSid, index + 1);
  return index;
}

/** Forgets a deleted conversation's next index (a long run deletes many). */
export function forgetConversation(store: Store, conversationSid: string): void {
  nextIndexes.get(store)?.delete(conversationSid);
}

/** Counts the indices again from the stored messages (after the store was rolled back). */
export function recountIndexes(store: Store): void {
  nextIndexes.delete(store);
}

/** Stores a message at the end of `conversation`. */
export function addMessage(store: Store, conversation: ConversationRecord, m: NewMessage): MessageRecord {
  const index = takeIndex(store, conversation.sid);
  const message: MessageRecord = {
    sid: newSid("IM"),
    account_sid: conversation.account_sid,
    chat_service_sid: conversation.chat_service_sid,
    conversation_sid: conversation.sid,
    index,
    author: m.author,
    body: m.body,
    attributes: m.attributes ?? "{}",
    participant_sid: m.participantSid,
    content_sid: m.contentSid ?? null,
    date_created: m.date,
    date_updated: m.dateUpdated ?? m.date,
  };
  store.messages.set(message.sid, message);
  return message;
}
