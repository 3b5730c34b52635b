import { created, noContent, ok, type RequestContext, type Route } from "../context";
import { ApiError, codes, invalidParameter } from "../errors";
import { page2010, queryFilters } from "../pagination";
import { isoNow, newSid } from "../sids";
import { type IncomingPhoneNumberRecord } from "../state";
import { type Store } from "../store";
import {
  accountUri,
  apiVersion,
  formatted,
  isE164,
  readMethod,
  readSidOrEmpty,
  readUrlOrEmpty,
  recordAt,
  rfc2822,
} from "./format";

/** A number as it is when the account gets it: no webhooks, friendly name as Twilio formats it. */
export function newIncomingPhoneNumber(
  accountSid: string,
  phoneNumber: string,
  now = isoNow(),
): IncomingPhoneNumberRecord {
  return {
    sid: newSid("PN"),
    account_sid: accountSid,
    phone_number: phoneNumber,
    friendly_name: formatted(phoneNumber),
    sms_url: "",
    sms_method: "POST",
    sms_fallback_url: "",
    sms_fallback_method: "POST",
    sms_application_sid: "",
    voice_url: "",
    voice_method: "POST",
    voice_fallback_url: "",
    voice_fallback_method: "POST",
    voice_application_sid: "",
    voice_caller_id_lookup: false,
    voice_receive_mode: "voice",
    status_callback: "",
    status_callback_method: "POST",
    trunk_sid: null,
    date_created: now,
    date_updated: now,
  };
}

/** The account's number `phoneNumber` (E.164), if it has it. */
export function numberFor(store: Store, phoneNumber: string): IncomingPhoneNumberRecord | undefined {
  for (const n of store.incomingPhoneNumbers.values()) if (n.phone_number === phoneNumber) return n;
  return undefined;
}

/** Every field twilio-node 6 reads; what the emulator does not model has Twilio's default. */
function render(r: IncomingPhoneNumberRecord) {
  return {
    account_sid: r.account_sid,
    address_sid: null,
    address_requirements: "none",
    api_version: apiVersion,
    beta: false,
    capabilities: { voice: true, sms: true, mms: true, fax: false },
    date_created: rfc2822(r.date_created),
    date_updated: rfc2822(r.date_updated),
    friendly_name: r.friendly_name,
    identity_sid: null,
    phone_number: r.phone_number,
    origin: "twilio",
    sid: r.sid,
    sms_application_sid: r.sms_application_sid,
    sms_fallback_method: r.sms_fallback_method,
    sms_fallback_url: r.sms_fallback_url,
    sms_method: r.sms_method,
    sms_url: r.sms_url,
    status_callback: r.status_callback,
    status_callback_method: r.status_callback_method,
    trunk_sid: r.trunk_sid,
    uri: accountUri(r.account_sid, `IncomingPhoneNumbers/${r.sid}`),
    voice_receive_mode: r.voice_receive_mode,
    voice_application_sid: r.voice_application_sid,
    voice_caller_id_lookup: r.voice_caller_id_lookup,
    voice_fallback_method: r.voice_fallback_method,
    voice_fallback_url: r.voice_fallback_url,
    voice_method: r.voice_method,
    voice_url: r.voice_url,
    emergency_status: "Inactive",
    emergency_address_sid: null,
    emergency_address_status: "unregistered",
    bundle_sid: null,
    status: "in-use",
    type: "local",
  };
}

const find = (ctx: RequestContext) => recordAt(ctx, ctx.store.incomingPhoneNumbers);

/**
 * The writable settings of a create or update, over `r`. `AccountSid` moves a number to a
 * subaccount at Twilio; the emulator serves one account, so only that account is accepted.
 */
function applyWrite(ctx: RequestContext, r: IncomingPhoneNumberRecord): IncomingPhoneNumberRecord {
  const form = ctx.form;
  const account = form.string("AccountSid");
  if (account !== undefined && account !== ctx.accountSid)
    throw invalidParameter(
      `Invalid parameter AccountSid: the emulator serves only account ${ctx.accountSid}`,
    );
  const trunk = readSidOrEmpty(form, "TrunkSid", "TK");
  const receiveMode = form.oneOf("VoiceReceiveMode", ["voice", "fax"] as const);
  return {
    ...r,
    friendly_name: form.string("FriendlyName") ?? r.friendly_name,
    sms_url: readUrlOrEmpty(form, "SmsUrl") ?? r.sms_url,
    sms_method: readMethod(form, "SmsMethod") ?? r.sms_method,
    sms_fallback_url: readUrlOrEmpty(form, "SmsFallbackUrl") ?? r.sms_fallback_url,
    sms_fallback_method: readMethod(form, "SmsFallbackMethod") ?? r.sms_fallback_method,
    sms_application_sid: readSidOrEmpty(form, "SmsApplicationSid", "AP") ?? r.sms_application_sid,
    voice_url: readUrlOrEmpty(form, "VoiceUrl") ?? r.voice_url,
    voice_method: readMethod(form, "VoiceMethod") ?? r.voice_method,
    voice_fallback_url: readUrlOrEmpty(form, "VoiceFallbackUrl") ?? r.voice_fallback_url,
    voice_fallback_method: readMethod(form, "VoiceFallbackMethod") ?? r.voice_fallback_method,
    voice_application_sid: readSidOrEmpty(form, "VoiceApplicationSid", "AP") ?? r.voice_application_sid,
    voice_caller_id_lookup: form.bool("VoiceCallerIdLookup") ?? r.voice_caller_id_lookup,
    voice_receive_mode: receiveMode ?? r.voice_receive_mode,
    status_callback: readUrlOrEmpty(form, "StatusCallback") ?? r.status_callback,
    status_callback_method: readMethod(form, "StatusCallbackMethod") ?? r.status_callback_method,
    trunk_sid: trunk === undefined ? r.trunk_sid : trunk === "" ? null : trunk,
    date_updated: isoNow(),
  };
}

/**
 * `PhoneNumber` filter: Twilio matches part of a number, `*` standing for any digit
 * (UNCONFIRMED beyond its docs' wording); a `+` sent unencoded arrives as a space.
 */
function numberFilter(raw: string): (n: IncomingPhoneNumberRecord) => boolean {
  const wanted = raw.startsWith(" ") ? `+${raw.trim()}` : raw.trim();
  const pattern = new RegExp(wanted.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "\\d"));
  return (n) => pattern.test(n.phone_number);
}

function list(ctx: RequestContext) {
  const filters = queryFilters(ctx, ["PhoneNumber", "FriendlyName", "Beta", "Origin"]);
  const byNumber = filters["PhoneNumber"] === undefined ? () => true : numberFilter(filters["PhoneNumber"]);
  const name = filters["FriendlyName"];
  const items = [...ctx.store.incomingPhoneNumbers.values()]
    .filter((n) => byNumber(n) && (name === undefined || n.friendly_name === name))
    .map(render);
  return ok(page2010(ctx, "incoming_phone_numbers", items, filters));
}

/**
 * Buying a number. The emulator provisions exactly the number named (`AreaCode` searches are
 * not modelled); a number the account has is error 21422, a malformed one 21421 (UNCONFIRMED codes).
 */
function create(ctx: RequestContext) {
  const phoneNumber = ctx.form.string("PhoneNumber");
  if (phoneNumber === undefined)
    throw invalidParameter(
      ctx.form.has("AreaCode")
        ? "The emulator provisions only the number you name: give PhoneNumber, not AreaCode"
        : "Missing required parameter PhoneNumber in the post body",
    );
  if (!isE164(phoneNumber))
    throw new ApiError(
      400,
      codes.phoneNumberInvalid,
      `PhoneNumber "${phoneNumber}" is invalid; give it in E.164, such as +15017122661`,
    );
  const taken = numberFor(ctx.store, phoneNumber);
  if (taken)
    throw new ApiError(
      400,
      codes.phoneNumberUnavailable,
      `PhoneNumber ${phoneNumber} is not available: it is already this account's ${taken.sid}`,
    );
  const record = applyWrite(ctx, newIncomingPhoneNumber(ctx.accountSid, phoneNumber));
  ctx.store.incomingPhoneNumbers.set(record.sid, record);
  return created(render(record));
}

const base = "/2010-04-01/Accounts/:AccountSid/IncomingPhoneNumbers";

export const phoneNumberRoutes: Route[] = [
  { path: `${base}.json`, handlers: { GET: list, POST: create } },
  {
    path: `${base}/:Sid.json`,
    handlers: {
      GET: (ctx) => ok(render(find(ctx))),
      POST: (ctx) => {
        const updated = applyWrite(ctx, find(ctx));
        ctx.store.incomingPhoneNumbers.set(updated.sid, updated);
        return ok(render(updated));
      },
      // Releasing the number; its calls and messages stay in the account.
      DELETE: (ctx) => {
        ctx.store.incomingPhoneNumbers.delete(find(ctx).sid);
        return noContent();
      },
    },
  },
];
