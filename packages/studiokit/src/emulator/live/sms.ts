import { addSms, segments } from "../api2010/messages";
import { apiVersion } from "../api2010/format";
import { numberFor } from "../api2010/phone-numbers";
import { deliverToFlow } from "./deliver";
import { type Live } from "./live";
import { flowOfNumber } from "./numbers";
import { type Outcome } from "./wire";

/**
 * A contact's plain SMS to one of the account's numbers, outside Conversations: stored as an
 * inbound Message and handed to the flow the number's SMS webhook names, as `incomingMessage`
 * (the contact's active execution of that flow takes it instead, as Studio does). The webhook
 * parameters are Twilio's, and become `trigger.message` or the reply's `inbound`. False when
 * `to` is not a number of the account; a number whose webhook is not a flow is a 404 saying
 * where it points.
 */
export async function receiveOnNumber(
  live: Live,
  outcome: Outcome,
  m: { readonly from: string; readonly to: string; readonly body: string },
): Promise<boolean> {
  const number = numberFor(live.store, m.to);
  if (number === undefined) return false;
  const flow = flowOfNumber(live.store, number, "sms");
  const sms = addSms(live.store, { ...m, direction: "inbound", status: "received", date: live.now() });
  outcome.messageSid = sms.sid;
  await deliverToFlow(live, outcome, {
    flowSid: flow.sid,
    contact: m.from,
    address: m.to,
    body: m.body,
    fields: {
      AccountSid: live.store.accountSid,
      ApiVersion: apiVersion,
      MessageSid: sms.sid,
      SmsMessageSid: sms.sid,
      SmsSid: sms.sid,
      SmsStatus: "received",
      From: m.from,
      To: m.to,
      Body: m.body,
      NumMedia: "0",
      NumSegments: String(segments(m.body)),
    },
    conversationSid: null,
    initiatedBy: sms.sid,
    event: "incomingMessage",
  });
  return true;
}
