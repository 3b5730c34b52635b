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

/** Stores a message at the end of `conversation`: its index is one past the highest so far. */
export function addMessage(store: Store, conversation: ConversationRecord, m: NewMessage): MessageRecord {
  let index = 0;
  for (const other of store.messages.values())
    if (other.conversation_sid === conversation.sid) index = Math.max(index, other.index + 1);
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
