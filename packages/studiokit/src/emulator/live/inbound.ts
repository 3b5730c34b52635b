import { ok, type RequestContext, type Route } from "../context";
import { addMessage } from "../conversations/message-records";
import { newConversation } from "../conversations/conversations";
import { findByPair, newParticipant } from "../conversations/participants";
import { newWebhook } from "../conversations/webhooks";
import { ApiError, codes, invalidParameter } from "../errors";
import { type AddressConfigurationRecord, type ParticipantRecord } from "../state";
import { deliverToConversation, deliverToFlow } from "./deliver";
import { type Live } from "./live";
import { receiveOnNumber } from "./sms";
import { Outcome, type ClockBody, type OutcomeBody } from "./wire";

/**
 * Auto-creation (the tutorial's first wiring): a conversation in the configured service, the
 * contact as SMS/WhatsApp… participant with the address as proxy and, for type `studio`, a
 * conversation-scoped studio webhook to the flow (UNCONFIRMED that Twilio shows it as one).
 */
function autoCreate(live: Live, outcome: Outcome, config: AddressConfigurationRecord, from: string) {
  const store = live.store;
  const auto = config.auto_creation;
  const now = live.now();
  const conversation = newConversation(
    store,
    auto.conversation_service_sid ?? store.configuration.default_chat_service_sid,
    now,
  );
  store.conversations.set(conversation.sid, conversation);
  const binding = { type: config.type, address: from, proxy_address: config.address };
  const participant = newParticipant(conversation, { identity: null, messaging_binding: binding }, now);
  store.participants.set(participant.sid, participant);
  if (auto.type === "studio" && auto.studio_flow_sid !== null) {
    const webhook = newWebhook(conversation, "studio", { flow_sid: auto.studio_flow_sid }, now);
    store.webhooks.set(webhook.sid, webhook);
  } else if (auto.type === "webhook")
    outcome.notices.push(
      `address configuration ${config.sid} hands new conversations to ${auto.webhook_url ?? "a webhook"}; the emulator does not call webhooks`,
    );
  outcome.conversationCreated = true;
  return participant;
}

const autoCreating = (live: Live, to: string) =>
  [...live.store.addressConfigurations.values()].find((c) => c.address === to && c.auto_creation.enabled);

/**
 * A message from `from` (the contact) to `to` (a Twilio address), routed as Twilio would: into the
 * open conversation where `from` talks to `to`; else, when no address configuration auto-creates
 * conversations for `to`, to the flow the number `to`'s SMS webhook names; else to an execution
 * already talking to `from` from `to` outside Conversations (a REST-started one); else into a new
 * conversation through the address configuration.
 */
export async function receive(live: Live, from: string, to: string, body: string): Promise<OutcomeBody> {
  const outcome = new Outcome(live);
  let participant: ParticipantRecord | undefined = findByPair(live.store, from, to);
  if (!participant) {
    // An address configuration takes the number's messages for Conversations, as at Twilio;
    // without one, the number's own SMS webhook does (live/sms.ts).
    const config = autoCreating(live, to);
    if (!config && (await receiveOnNumber(live, outcome, { from, to, body }))) return outcome.body();
    const waiting = live.activeOutside(from, to);
    if (waiting) {
      await deliverToFlow(live, outcome, {
        flowSid: waiting.flowSid,
        contact: from,
        address: to,
        body,
        fields: { AccountSid: live.store.accountSid, From: from, To: to },
        conversationSid: null,
        initiatedBy: null,
      });
      return outcome.body();
    }
    if (!config)
      throw new ApiError(
        404,
        codes.notFound,
        `nothing receives messages to ${to} from ${from}: add an address configuration for ${to} with AutoCreation.Enabled=true, or a conversation with ${from} as participant (proxy address ${to})`,
      );
    participant = autoCreate(live, outcome, config, from);
  }
  const conversation = live.store.conversations.get(participant.conversation_sid)!;
  const message = addMessage(live.store, conversation, {
    author: from,
    body,
    participantSid: participant.sid,
    date: live.now(),
  });
  const source = (participant.messaging_binding?.type ?? "sms").toUpperCase();
  await deliverToConversation(live, outcome, { conversation, participant, message, source });
  return outcome.body();
}

async function advance(live: Live, seconds: number): Promise<ClockBody> {
  const outcome = new Outcome(live);
  for (const record of await live.advance(seconds)) outcome.touch(record, false);
  return { now: live.now(), advanced_seconds: seconds, ...outcome.body() };
}

function readSeconds(ctx: RequestContext): number {
  const raw = ctx.form.required("Advance");
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !Number.isFinite(seconds))
    throw invalidParameter(
      `Invalid parameter Advance: expected a number of seconds such as 3600, got "${raw}"`,
    );
  return seconds;
}

/** Emulator-only endpoints (no such thing on Twilio): a contact's inbound message, and time. */
export const liveRoutes: Route[] = [
  {
    path: "/studiokit/v1/Inbound",
    handlers: {
      POST: async (ctx) => {
        const from = ctx.form.required("From");
        const to = ctx.form.required("To");
        const body = ctx.form.string("Body") ?? "";
        if (from === "" || to === "") throw invalidParameter("From and To must not be empty");
        return ok(await ctx.live.serial(() => receive(ctx.live, from, to, body)));
      },
    },
  },
  {
    path: "/studiokit/v1/Clock",
    handlers: {
      GET: (ctx) => ok({ now: ctx.live.now() }),
      POST: async (ctx) => {
        const seconds = readSeconds(ctx);
        return ok(await ctx.live.serial(() => advance(ctx.live, seconds)));
      },
    },
  },
];
