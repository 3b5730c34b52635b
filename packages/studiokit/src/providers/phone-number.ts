import * as pulumi from "@pulumi/pulumi";
import type { IncomingPhoneNumberContextUpdateOptions } from "twilio/lib/rest/api/v2010/account/incomingPhoneNumber";
import { z } from "zod";
import { e164Schema, phoneNumberSidSchema } from "../definition";
import { type DeepInputs } from "./inputs";
import { changedCreateOnly, checkInputs, compact } from "./runtime/check";
import { type TwilioClient } from "./runtime/client";
import { incomplete, isNotFound, type CallError } from "./runtime/errors";
import { twilioProvider } from "./runtime/provider";
import { call, fetchIfPresent, updateVerified } from "./runtime/retry";
import { providerStub } from "./runtime/stub";

const method = z
  .enum(["get", "post", "GET", "POST"])
  .transform((m) => m.toUpperCase() as "GET" | "POST")
  .optional();

/**
 * A number the account already has, whose SMS and/or voice webhook points at a URL (a flow's
 * webhook URL): Twilio's IncomingPhoneNumber (API 2010, docs/twilio-rest.md §17), found by number
 * or by SID, never bought or released. A channel left out is not touched.
 */
export const phoneNumberSchema = z
  .object({
    /** The number, E.164. */
    phoneNumber: e164Schema.optional(),
    /** Or its SID (PN…). */
    phoneNumberSid: phoneNumberSidSchema.optional(),
    smsUrl: z.url().optional(),
    smsMethod: method,
    voiceUrl: z.url().optional(),
    voiceMethod: method,
  })
  .refine((n) => (n.phoneNumber === undefined) !== (n.phoneNumberSid === undefined), {
    message: "give phoneNumber (+1…) or phoneNumberSid (PN…), one of them",
    path: ["phoneNumber"],
  })
  .refine((n) => n.smsUrl !== undefined || n.voiceUrl !== undefined, {
    message: "give smsUrl, voiceUrl or both: the webhooks to point at the flow",
    path: ["smsUrl"],
  })
  .refine((n) => n.smsMethod === undefined || n.smsUrl !== undefined, {
    message: "smsMethod needs smsUrl",
    path: ["smsMethod"],
  })
  .refine((n) => n.voiceMethod === undefined || n.voiceUrl !== undefined, {
    message: "voiceMethod needs voiceUrl",
    path: ["voiceMethod"],
  })
  // Studio's webhook takes POST: a URL without a method gets it.
  .transform((n) => ({
    ...n,
    ...(n.smsUrl !== undefined ? { smsMethod: n.smsMethod ?? ("POST" as const) } : {}),
    ...(n.voiceUrl !== undefined ? { voiceMethod: n.voiceMethod ?? ("POST" as const) } : {}),
  }));

export type PhoneNumberInputs = z.output<typeof phoneNumberSchema>;

/** A number's webhook settings: what studiokit sets, and what it puts back. */
export interface Webhooks {
  readonly smsUrl: string;
  readonly smsMethod: "GET" | "POST";
  /** A TwiML app takes the SMS instead of `smsUrl` while this is set. */
  readonly smsApplicationSid: string;
  readonly voiceUrl: string;
  readonly voiceMethod: "GET" | "POST";
  readonly voiceApplicationSid: string;
}

export type PhoneNumberOutputs = PhoneNumberInputs & {
  readonly sid: string;
  readonly phoneNumber: string;
  /** The webhooks the number had before studiokit pointed it at the flow; put back on delete. */
  readonly original: Webhooks;
};

interface RemoteNumber {
  sid: string;
  phoneNumber: string;
  smsUrl: string | null;
  smsMethod: string | null;
  smsApplicationSid: string | null;
  voiceUrl: string | null;
  voiceMethod: string | null;
  voiceApplicationSid: string | null;
}

type Channel = "sms" | "voice";
const channels = ["sms", "voice"] as const;
const upper = (m: string | null) => (m?.toUpperCase() === "GET" ? "GET" : "POST");

function webhooksOf(n: RemoteNumber): Webhooks {
  return {
    smsUrl: n.smsUrl ?? "",
    smsMethod: upper(n.smsMethod),
    smsApplicationSid: n.smsApplicationSid ?? "",
    voiceUrl: n.voiceUrl ?? "",
    voiceMethod: upper(n.voiceMethod),
    voiceApplicationSid: n.voiceApplicationSid ?? "",
  };
}

/** The channels a resource manages: those whose URL it declares. */
const managed = (n: Partial<PhoneNumberInputs>): Channel[] =>
  channels.filter((c) => n[`${c}Url`] !== undefined);

/** Points the managed channels at their URLs; an application SID on one would take precedence, so it is cleared. */
function pointing(inputs: PhoneNumberInputs): IncomingPhoneNumberContextUpdateOptions {
  return compact<IncomingPhoneNumberContextUpdateOptions>({
    smsUrl: inputs.smsUrl,
    smsMethod: inputs.smsMethod,
    smsApplicationSid: inputs.smsUrl === undefined ? undefined : "",
    voiceUrl: inputs.voiceUrl,
    voiceMethod: inputs.voiceMethod,
    voiceApplicationSid: inputs.voiceUrl === undefined ? undefined : "",
  });
}

/** Puts `original` back on `channels`. */
function restoring(original: Webhooks, which: readonly Channel[]): IncomingPhoneNumberContextUpdateOptions {
  const back: IncomingPhoneNumberContextUpdateOptions = {};
  for (const c of which) {
    back[`${c}Url`] = original[`${c}Url`];
    back[`${c}Method`] = original[`${c}Method`];
    back[`${c}ApplicationSid`] = original[`${c}ApplicationSid`];
  }
  return back;
}

/**
 * Outputs in the program's terms: its identity as declared, the live URL and method of each
 * channel it manages (a console change shows after refresh), and what the number had before.
 */
function outputsFrom(
  remote: RemoteNumber,
  declared: Partial<PhoneNumberInputs>,
  original: Webhooks,
): PhoneNumberOutputs {
  const live = webhooksOf(remote);
  const which =
    declared.smsUrl === undefined && declared.voiceUrl === undefined ? channels : managed(declared);
  return {
    sid: remote.sid,
    phoneNumber: remote.phoneNumber,
    ...(declared.phoneNumberSid !== undefined ? { phoneNumberSid: declared.phoneNumberSid } : {}),
    ...(which.includes("sms") ? { smsUrl: live.smsUrl, smsMethod: live.smsMethod } : {}),
    ...(which.includes("voice") ? { voiceUrl: live.voiceUrl, voiceMethod: live.voiceMethod } : {}),
    original,
  };
}

/** The number itself: by SID, or by number (the list filter matches parts of numbers, so exactly). */
async function findNumber(
  client: TwilioClient,
  inputs: PhoneNumberInputs,
): Promise<RemoteNumber | undefined> {
  const numbers = client.api.v2010.account.incomingPhoneNumbers;
  const sid = inputs.phoneNumberSid;
  if (sid !== undefined) return fetchIfPresent(`fetch number ${sid}`, () => numbers(sid).fetch());
  const wanted = inputs.phoneNumber ?? "";
  const listed = await call(`find number ${wanted}`, () => numbers.list({ phoneNumber: wanted }));
  return listed.find((n) => n.phoneNumber === wanted);
}

/**
 * Sets webhook values on a number. After a reply that was lost, the number is read back first,
 * and the write is not sent again when the number already has every value.
 */
function updateNumber(
  client: TwilioClient,
  sid: string,
  action: string,
  settings: IncomingPhoneNumberContextUpdateOptions,
): Promise<RemoteNumber> {
  const numbers = client.api.v2010.account.incomingPhoneNumbers;
  const wanted = Object.entries(settings) as Array<[keyof RemoteNumber, unknown]>;
  return updateVerified<RemoteNumber>(
    action,
    () => numbers(sid).update(settings),
    () => call(`fetch number ${sid}`, () => numbers(sid).fetch()),
    (now) => wanted.every(([key, value]) => (now[key] ?? "") === value),
  );
}

/** The identity the program names: a change of it is another number. */
const sameNumber = (olds: PhoneNumberOutputs, news: PhoneNumberInputs) =>
  news.phoneNumberSid !== undefined
    ? olds.sid === news.phoneNumberSid
    : olds.phoneNumber === news.phoneNumber;

export const phoneNumberProvider = twilioProvider<
  PhoneNumberInputs,
  PhoneNumberOutputs,
  pulumi.dynamic.ResourceProvider<PhoneNumberInputs, PhoneNumberOutputs>
>({
  async check(_olds, news) {
    return checkInputs(phoneNumberSchema, news);
  },

  async diff(_id, olds, news) {
    // Another number: the old one gets its webhooks back before the new one is taken over
    // (it may be the same number under another name).
    const replaces = sameNumber(olds, news)
      ? []
      : [news.phoneNumberSid !== undefined ? "phoneNumberSid" : "phoneNumber"];
    const changes =
      replaces.length > 0 ||
      changedCreateOnly(olds, news, ["smsUrl", "smsMethod", "voiceUrl", "voiceMethod"]).length > 0;
    return { changes, replaces, deleteBeforeReplace: true };
  },

  async create(inputs) {
    const client = this.client();
    const name = inputs.phoneNumber ?? inputs.phoneNumberSid ?? "";
    const found = await findNumber(client, inputs);
    if (found === undefined)
      throw new Error(
        `number ${name} is not in Twilio account ${client.accountSid}; studiokit never buys numbers: buy or port it first, or fix the number`,
      );
    const original = webhooksOf(found);
    const action = `point number ${found.phoneNumber} at ${managed(inputs).join(" and ")} webhook URLs`;
    try {
      const updated = await updateNumber(client, found.sid, action, pointing(inputs));
      return { id: found.sid, outs: outputsFrom(updated, inputs, original) };
    } catch (error) {
      // Keep the number and what it had in the state, so a delete can still put it back.
      throw incomplete(error, action, found.sid, outputsFrom(found, inputs, original));
    }
  },

  async update(id, olds, news) {
    // A channel no longer declared gets what the number had before studiokit.
    const dropped = managed(olds).filter((c) => !managed(news).includes(c));
    const updated = await updateNumber(this.client(), id, `update number ${olds.phoneNumber}`, {
      ...restoring(olds.original, dropped),
      ...pointing(news),
    });
    return { outs: outputsFrom(updated, news, olds.original) };
  },

  async read(id, props) {
    const client = this.client();
    const remote = await fetchIfPresent(`fetch number ${id}`, () =>
      client.api.v2010.account.incomingPhoneNumbers(id).fetch(),
    );
    if (remote === undefined) return {};
    const outs = outputsFrom(remote, props ?? {}, props?.original ?? webhooksOf(remote));
    const { sid: _sid, original: _original, ...inputs } = outs;
    const identity = props?.phoneNumberSid !== undefined ? { phoneNumber: undefined } : {};
    return { id, props: outs, inputs: { ...inputs, ...identity } as PhoneNumberOutputs };
  },

  async delete(id, props) {
    try {
      await updateNumber(
        this.client(),
        id,
        `put back the webhooks of number ${props.phoneNumber}`,
        restoring(props.original, managed(props)),
      );
    } catch (thrown) {
      // Released meanwhile: nothing to put back.
      if (!isNotFound(thrown as CallError)) throw thrown;
    }
  },
});

/** Arguments of {@link PhoneNumber}: every field may come from another resource's output. */
export type PhoneNumberArgs = DeepInputs<z.input<typeof phoneNumberSchema>>;

const stub = providerStub("phoneNumber");

/**
 * Points an existing number's SMS and/or voice webhook at a URL, typically a flow's
 * `webhookUrl`, so texts and calls to the number run the flow. The number is found by
 * `phoneNumber` or `phoneNumberSid` and never bought or released; on delete it gets back the
 * webhooks it had (`original`). Naming another number replaces the resource.
 */
export class PhoneNumber extends pulumi.dynamic.Resource {
  declare readonly sid: pulumi.Output<string>;
  declare readonly phoneNumber: pulumi.Output<string>;
  declare readonly original: pulumi.Output<Webhooks>;

  constructor(name: string, args: PhoneNumberArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      stub,
      name,
      { sid: undefined, phoneNumber: undefined, original: undefined, ...args },
      opts,
      "api",
      "PhoneNumber",
    );
  }
}
