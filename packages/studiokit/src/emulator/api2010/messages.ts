import { ok, type RequestContext, type Route } from "../context";
import { invalidParameter } from "../errors";
import { page2010, queryFilters } from "../pagination";
import { newSid } from "../sids";
import { type SmsMessageRecord } from "../state";
import { type Store } from "../store";
import { accountUri, apiVersion, matching, recordAt, rfc2822 } from "./format";

export interface NewSms {
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly direction: SmsMessageRecord["direction"];
  readonly status: SmsMessageRecord["status"];
  /** When it was sent or received: the live clock's time. */
  readonly date: string;
}

/** Stores a plain SMS in the account (what `messages.list` answers with). */
export function addSms(store: Store, m: NewSms): SmsMessageRecord {
  const record: SmsMessageRecord = {
    sid: newSid("SM"),
    account_sid: store.accountSid,
    from: m.from,
    to: m.to,
    body: m.body,
    direction: m.direction,
    status: m.status,
    error_code: null,
    error_message: null,
    date_created: m.date,
    date_sent: m.date,
    date_updated: m.date,
  };
  store.smsMessages.set(record.sid, record);
  return record;
}

/** GSM-7 text fits 160 characters in one SMS (153 a part when split); anything else 70 (67). */
export function segments(body: string): number {
  const gsm = /^[\n\r\x20-\x7E£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¡ÄÖÑÜ§¿äöñüà€]*$/.test(body);
  const length = [...body].length;
  const [single, part] = gsm ? [160, 153] : [70, 67];
  return length <= single ? 1 : Math.ceil(length / part);
}

function render(m: SmsMessageRecord) {
  const uri = accountUri(m.account_sid, `Messages/${m.sid}`);
  return {
    account_sid: m.account_sid,
    api_version: apiVersion,
    body: m.body,
    date_created: rfc2822(m.date_created),
    date_sent: rfc2822(m.date_sent),
    date_updated: rfc2822(m.date_updated),
    direction: m.direction,
    error_code: m.error_code,
    error_message: m.error_message,
    from: m.from,
    messaging_service_sid: null,
    num_media: "0",
    num_segments: String(segments(m.body)),
    price: null,
    price_unit: "USD",
    sid: m.sid,
    status: m.status,
    subresource_uris: {
      media: uri.replace(/\.json$/, "/Media.json"),
      feedback: uri.replace(/\.json$/, "/Feedback.json"),
    },
    to: m.to,
    uri,
  };
}

/** `DateSent`, `DateSent<` and `DateSent>` (on, on or before, on or after), to the day when a date is given. */
function dateFilter(ctx: RequestContext): (m: SmsMessageRecord) => boolean {
  const bounds: Array<(day: string, time: number) => boolean> = [];
  for (const [key, test] of [
    ["DateSent", (a: number, b: number) => a === b],
    ["DateSent<", (a: number, b: number) => a <= b],
    ["DateSent>", (a: number, b: number) => a >= b],
  ] as const) {
    const raw = ctx.query.get(key);
    if (raw === null) continue;
    const time = Date.parse(raw);
    if (Number.isNaN(time)) throw invalidParameter(`Invalid parameter ${key}: "${raw}" is not a date`);
    const byDay = /^\d{4}-\d\d-\d\d$/.test(raw);
    bounds.push((day, at) => (byDay ? test(Date.parse(day), time) : test(at, time)));
  }
  return (m) => bounds.every((bound) => bound(m.date_sent.slice(0, 10), Date.parse(m.date_sent)));
}

/** Newest first, as Twilio lists messages. */
function list(ctx: RequestContext) {
  const filters = queryFilters(ctx, ["To", "From", "DateSent", "DateSent<", "DateSent>"]);
  const dates = dateFilter(ctx);
  const items = [...ctx.store.smsMessages.values()]
    .filter(matching<SmsMessageRecord>(filters, { To: (m) => m.to, From: (m) => m.from }))
    .filter(dates)
    .reverse()
    .map(render);
  return ok(page2010(ctx, "messages", items, filters));
}

export const smsRoutes: Route[] = [
  { path: "/2010-04-01/Accounts/:AccountSid/Messages.json", handlers: { GET: list } },
  {
    path: "/2010-04-01/Accounts/:AccountSid/Messages/:Sid.json",
    handlers: {
      GET: (ctx) => ok(render(recordAt(ctx, ctx.store.smsMessages))),
    },
  },
];
