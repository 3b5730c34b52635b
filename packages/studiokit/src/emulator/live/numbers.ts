import { flowOfWebhookUrl } from "../../definition";
import { ApiError, codes } from "../errors";
import { type FlowRecord, type IncomingPhoneNumberRecord } from "../state";
import { type Store } from "../store";

export type Channel = "sms" | "voice";

const channels = {
  sms: {
    url: "sms_url",
    app: "sms_application_sid",
    param: "SmsUrl",
    appParam: "SmsApplicationSid",
    what: "SMS",
  },
  voice: {
    url: "voice_url",
    app: "voice_application_sid",
    param: "VoiceUrl",
    appParam: "VoiceApplicationSid",
    what: "calls",
  },
} as const;

const nowhere = (message: string) => new ApiError(404, codes.notFound, message);

/**
 * The flow a number hands its SMS or calls to: its `SmsUrl`/`VoiceUrl` is a flow's webhook URL
 * (docs/twilio-rest.md §17). Anything else is a 404 saying where they go instead; the emulator
 * runs flows only, no TwiML app, trunk or other webhook. As at Twilio, an application SID or a
 * trunk on the number takes precedence over its URL.
 */
export function flowOfNumber(store: Store, number: IncomingPhoneNumberRecord, channel: Channel): FlowRecord {
  const c = channels[channel];
  const n = number.phone_number;
  const app = number[c.app];
  if (app !== "")
    throw nowhere(
      `number ${n} hands its ${c.what} to TwiML app ${app} (${c.appParam}); the emulator runs no TwiML apps: clear ${c.appParam} and point ${c.param} at a Studio flow's webhook URL`,
    );
  if (channel === "voice" && number.trunk_sid !== null)
    throw nowhere(
      `number ${n} sends its calls to SIP trunk ${number.trunk_sid}; the emulator runs no trunks`,
    );
  const url = number[c.url];
  if (url === "")
    throw nowhere(
      `number ${n} has no ${c.what} webhook (${c.param} is empty); point it at a Studio flow's webhook URL`,
    );
  const target = flowOfWebhookUrl(url);
  if (target === undefined || target.accountSid !== store.accountSid)
    throw nowhere(
      `number ${n} sends its ${c.what} to ${url}, not to a Studio flow of this account; the emulator calls no other webhooks`,
    );
  const flow = store.flows.get(target.flowSid);
  if (!flow)
    throw nowhere(
      `number ${n}'s ${c.param} is Studio flow ${target.flowSid}, which does not exist in this account`,
    );
  return flow;
}
