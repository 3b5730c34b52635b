import { type JsonObject } from "../../engine";
import { ApiError } from "../errors";
import { recordsIn } from "../conversations/scope";
import { type ConversationRecord, type MessageRecord, type ParticipantRecord } from "../state";
import { type Live } from "./live";
import { runnable } from "./runnable";
import { type Outcome } from "./wire";

/** A message added to a conversation by one of its participants. */
export interface ConversationMessage {
  readonly conversation: ConversationRecord;
  readonly participant: ParticipantRecord;
  readonly message: MessageRecord;
  /** `trigger.conversation.Source`: the channel (SMS, WHATSAPP…), or API for a REST-created message. */
  readonly source: string;
}

/** The contact as Studio names it: the participant's address, or its identity for chat users. */
const contactOf = (p: ParticipantRecord): string => p.messaging_binding?.address ?? p.identity ?? p.sid;

/**
 * `flow.channel.address` for a conversation message: the participant's proxy address (the
 * Twilio number). UNCONFIRMED for chat participants, which have none: the conversation SID.
 */
const addressOf = (p: ParticipantRecord, c: ConversationRecord): string =>
  p.messaging_binding?.proxy_address ?? c.sid;

/**
 * The webhook parameters Studio puts under `trigger.conversation` (and a reply's `inbound`):
 * the documented fields plus Author and ParticipantSid (docs/studio-behaviour.md §3).
 */
function conversationFields(m: ConversationMessage): JsonObject {
  return {
    AccountSid: m.conversation.account_sid,
    ChatServiceSid: m.conversation.chat_service_sid,
    ConversationSid: m.conversation.sid,
    MessagingServiceSid: m.conversation.messaging_service_sid,
    MessageSid: m.message.sid,
    ParticipantSid: m.participant.sid,
    Author: m.message.author,
    DateCreated: m.message.date_created,
    Source: m.source,
  };
}

/** What arrives at one flow from one contact. */
export interface FlowMessage {
  readonly flowSid: string;
  readonly contact: string;
  readonly address: string;
  readonly body: string;
  readonly fields: JsonObject;
  readonly conversationSid: string | null;
  readonly initiatedBy: string | null;
  /** What starts a new execution: a number's SMS webhook sends `incomingMessage` (default: Conversations'). */
  readonly event?: "incomingMessage" | "incomingConversationMessage";
}

/**
 * Studio-style: the contact's active execution of the flow takes the message (it continues when
 * it waits for a reply, else ignores it with 81002); without one, a new execution starts from
 * `incomingConversationMessage` (or the message's `event`). Anything that prevents a run becomes a notice, never an error:
 * the message itself was delivered.
 */
export async function deliverToFlow(live: Live, outcome: Outcome, m: FlowMessage): Promise<void> {
  const active = live.activeFor(m.flowSid, m.contact);
  if (active) {
    await live.act(active, (e) => e.reply(m.body, m.fields));
    return outcome.touch(active, false);
  }
  const flow = live.store.flows.get(m.flowSid);
  if (!flow) return void outcome.notices.push(`flow ${m.flowSid} does not exist; nothing ran`);
  try {
    const run = runnable(live.store, flow, m.contact);
    const record = await live.start({
      ...run,
      flowSid: flow.sid,
      trigger: {
        event: m.event ?? "incomingConversationMessage",
        from: m.contact,
        to: m.address,
        body: m.body,
        ...m.fields,
      },
      contact: m.contact,
      address: m.address,
      initiatedBy: m.initiatedBy,
      conversationSid: m.conversationSid,
    });
    outcome.touch(record, true);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    outcome.notices.push(error.message);
  }
}

/** Hands a participant's message to every flow the conversation's studio webhooks name. */
export async function deliverToConversation(
  live: Live,
  outcome: Outcome,
  m: ConversationMessage,
): Promise<void> {
  outcome.conversationSid = m.conversation.sid;
  outcome.messageSid = m.message.sid;
  const hooks = recordsIn(live.store.webhooks, m.conversation).filter((w) => w.target === "studio");
  if (hooks.length === 0)
    outcome.notices.push(
      `conversation ${m.conversation.sid} has no studio webhook; the message was only stored`,
    );
  for (const hook of hooks)
    await deliverToFlow(live, outcome, {
      flowSid: String(hook.configuration["flow_sid"]),
      contact: contactOf(m.participant),
      address: addressOf(m.participant, m.conversation),
      body: m.message.body ?? "",
      fields: conversationFields(m),
      conversationSid: m.conversation.sid,
      initiatedBy: m.message.sid,
    });
}
