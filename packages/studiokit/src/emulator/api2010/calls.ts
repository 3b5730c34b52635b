import { ok, type RequestContext, type Route } from "../context";
import { settleCall } from "../live/voice";
import { page2010, queryFilters } from "../pagination";
import { type CallRecord } from "../state";
import { accountUri, apiVersion, formatted, matching, recordAt, rfc2822, rfc2822OrNull } from "./format";

/** A call as API 2010 answers; `duration` (seconds) once it has ended. */
function render(c: CallRecord) {
  const uri = accountUri(c.account_sid, `Calls/${c.sid}`);
  const sub = (name: string) => uri.replace(/\.json$/, `/${name}.json`);
  const seconds =
    c.end_time === null
      ? null
      : String(Math.round((Date.parse(c.end_time) - Date.parse(c.start_time)) / 1000));
  return {
    sid: c.sid,
    date_created: rfc2822(c.date_created),
    date_updated: rfc2822(c.date_updated),
    parent_call_sid: null,
    account_sid: c.account_sid,
    to: c.to,
    to_formatted: formatted(c.to),
    from: c.from,
    from_formatted: formatted(c.from),
    phone_number_sid: c.phone_number_sid,
    status: c.status,
    start_time: rfc2822(c.start_time),
    end_time: rfc2822OrNull(c.end_time),
    duration: seconds,
    price: null,
    price_unit: "USD",
    direction: c.direction,
    answered_by: null,
    api_version: apiVersion,
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: "0",
    trunk_sid: null,
    uri,
    subresource_uris: {
      notifications: sub("Notifications"),
      recordings: sub("Recordings"),
      events: sub("Events"),
    },
  };
}

/** Newest first (UNCONFIRMED: the order Twilio lists calls in); filters `To`, `From`, `Status`. */
function list(ctx: RequestContext) {
  const filters = queryFilters(ctx, ["To", "From", "Status"]);
  const items = [...ctx.store.calls.values()]
    .map((c) => settleCall(ctx.live, c))
    .filter(matching<CallRecord>(filters, { To: (c) => c.to, From: (c) => c.from, Status: (c) => c.status }))
    .reverse()
    .map(render);
  return ok(page2010(ctx, "calls", items, filters));
}

export const callRoutes: Route[] = [
  { path: "/2010-04-01/Accounts/:AccountSid/Calls.json", handlers: { GET: list } },
  {
    path: "/2010-04-01/Accounts/:AccountSid/Calls/:Sid.json",
    handlers: {
      GET: (ctx) => ok(render(settleCall(ctx.live, recordAt(ctx, ctx.store.calls)))),
    },
  },
];
