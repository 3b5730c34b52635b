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
    webhook: "SMS",
  },
  voice: {
    url: "voice_url",
    app: "voice_application_sid",
    param: "VoiceUrl",
    appParam: "VoiceApplicationSid",
    what: "calls",
    webhook: "voice",
  },
} as const;

/** What decides where a number's SMS and calls go (the 2010 API's field names). */
export type NumberWebhooks = Pick<
  IncomingPhoneNumberRecord,
  "phone_number" | "sms_url" | "sms_application_sid" | "voice_url" | "voice_application_sid" | "trunk_sid"
>;

/**
 * The flow a number hands its SMS or calls to: its `SmsUrl`/`VoiceUrl` is a flow's webhook URL
 * in `accountSid` (docs/twilio-rest.md §17). Otherwise one line saying where they go instead:
 * the emulator runs flows only, no TwiML app, trunk or other webhook. As at Twilio, an
 * application SID or a trunk on the number takes precedence over its URL.
 */
export function numberTarget(
  number: NumberWebhooks,
  channel: Channel,
  accountSid: string,
): { flowSid: string } | { problem: string } {
  const c = channels[channel];
  const n = number.phone_number;
  const app = number[c.app];
  if (app !== "")
    return {
      problem: `number ${n} hands its ${c.what} to TwiML app ${app} (${c.appParam}); the emulator runs no TwiML apps: clear ${c.appParam} and point ${c.param} at a Studio flow's webhook URL`,
    };
  if (channel === "voice" && number.trunk_sid !== null)
    return {
      problem: `number ${n} sends its calls to SIP trunk ${number.trunk_sid}; the emulator runs no trunks`,
    };
  const url = number[c.url];
  if (url === "")
    return {
      problem: `number ${n} has no ${c.webhook} webhook (${c.param} is empty); point it at a Studio flow's webhook URL`,
    };
  const target = flowOfWebhookUrl(url);
  if (target === undefined || target.accountSid !== accountSid)
    return {
      problem: `number ${n} sends its ${c.what} to ${url}, not to a Studio flow of this account; the emulator calls no other webhooks`,
    };
  return { flowSid: target.flowSid };
}

/** The flow `numberTarget` names, deployed here; anything else is a 404 saying where the number points. */
export function flowOfNumber(store: Store, number: IncomingPhoneNumberRecord, channel: Channel): FlowRecord {
  const target = numberTarget(number, channel, store.accountSid);
  if ("problem" in target) throw new ApiError(404, codes.notFound, target.problem);
  const flow = store.flows.get(target.flowSid);
  if (!flow)
    throw new ApiError(
      404,
      codes.notFound,
      `number ${number.phone_number}'s ${channels[channel].param} is Studio flow ${target.flowSid}, which does not exist in this account`,
    );
  return flow;
}
