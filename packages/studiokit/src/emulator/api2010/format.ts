import { type RequestContext } from "../context";
import { notFound } from "../errors";
import { type Form } from "../form";
import { readUrl } from "../conversations/values";

/*
 * What API 2010-04-01 resources share on the wire (docs/twilio-rest.md §17): times in RFC 2822,
 * `uri` paths relative to the API host, `.json` at the end of every path.
 */

export const apiVersion = "2010-04-01";

/** `2015-07-30T20:12:31Z` → `Thu, 30 Jul 2015 20:12:31 +0000`, as API 2010 writes times. */
export function rfc2822(iso: string): string {
  return new Date(iso).toUTCString().replace(/GMT$/, "+0000");
}

export const rfc2822OrNull = (iso: string | null) => (iso === null ? null : rfc2822(iso));

/** A resource's `uri`: `/2010-04-01/Accounts/AC…/<rest>.json`. */
export const accountUri = (accountSid: string, rest: string) =>
  `/${apiVersion}/Accounts/${accountSid}/${rest}.json`;

/** How Twilio writes a North American number for people: `(501) 712-2661`; others as given. */
export function formatted(number: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : number;
}

/** A phone number in E.164, as the number endpoints take it (`+` and 7 to 15 digits). */
export const isE164 = (value: string) => /^\+[1-9]\d{6,14}$/.test(value);

/** A URL parameter that may be set to "" to clear it. */
export function readUrlOrEmpty(form: Form, name: string): string | undefined {
  return form.string(name) === "" ? "" : readUrl(form, name);
}

/** `GET` or `POST`, sent in any case, stored in upper case. */
export function readMethod(form: Form, name: string): "GET" | "POST" | undefined {
  const method = form.oneOf(name, ["GET", "POST"] as const);
  return method === undefined ? undefined : (method.toUpperCase() as "GET" | "POST");
}

/** A SID parameter that may be set to "" to clear it. */
export function readSidOrEmpty(form: Form, name: string, prefix: string): string | undefined {
  if (form.string(name) === "") return "";
  return form.sid(name, prefix);
}

/** The record the path's `{Sid}` names in `records`, or a 404. */
export function recordAt<T>(ctx: RequestContext, records: ReadonlyMap<string, T>): T {
  const sid = ctx.params["Sid"];
  const record = sid === undefined ? undefined : records.get(sid);
  if (record === undefined) throw notFound(ctx.path);
  return record;
}

/** Keeps the records whose fields equal the filters given, each filter by its field (`To` → `to`). */
export function matching<T>(
  filters: Readonly<Record<string, string>>,
  fields: Readonly<Record<string, (record: T) => string>>,
): (record: T) => boolean {
  const tests = Object.entries(fields).filter(([name]) => filters[name] !== undefined);
  return (record) => tests.every(([name, field]) => field(record) === filters[name]);
}
