import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { AddressConfigurationContextUpdateOptions } from "twilio/lib/rest/conversations/v1/addressConfiguration";
import { changedCreateOnly, changedDeclared, checkInputs, compact, declaredView } from "./runtime/check";
import { type DeepInputs } from "./inputs";
import { type TwilioClient } from "./runtime/client";
import { incomplete } from "./runtime/errors";
import { twilioProvider } from "./runtime/provider";
import { providerStub } from "./runtime/stub";
import { flowSidSchema, conversationServiceSidSchema } from "../definition";
import { createOrAdopt, fetchIfPresent, removeIfPresent, updateVerified } from "./runtime/retry";

/** A Conversations Address Configuration (docs/twilio-rest.md §7), in twilio-node's spelling. */
export const addressConfigurationSchema = z.object({
  type: z.enum(["sms", "whatsapp", "messenger", "gbm", "email", "rcs", "apple", "chat"]),
  address: z
    .string()
    .min(1, "give the address (a phone number such as +15005550006, whatsapp:+…, an email…)"),
  friendlyName: z.string().max(256).optional(),
  addressCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 country code such as US")
    .optional(),
  autoCreation: z
    .object({
      enabled: z.boolean(),
      type: z.enum(["webhook", "studio", "default"]).optional(),
      conversationServiceSid: conversationServiceSidSchema.optional(),
      webhookUrl: z.url().optional(),
      webhookMethod: z
        .enum(["get", "post", "GET", "POST"])
        .transform((m) => m.toLowerCase() as "get" | "post")
        .optional(),
      webhookFilters: z.array(z.string().min(1)).optional(),
      studioFlowSid: flowSidSchema.optional(),
      studioRetryCount: z.number().int().min(0).max(3).optional(),
    })
    .refine((a) => a.type !== "studio" || a.studioFlowSid !== undefined, {
      message: 'type "studio" needs studioFlowSid: the flow new conversations are handed to',
      path: ["studioFlowSid"],
    })
    .refine((a) => a.type !== "webhook" || a.webhookUrl !== undefined, {
      message: 'type "webhook" needs webhookUrl',
      path: ["webhookUrl"],
    })
    // Absent: auto-creation is off (what a configuration created without it has).
    .default({ enabled: false }),
});

export type AddressConfigurationInputs = z.output<typeof addressConfigurationSchema>;
export type AutoCreation = AddressConfigurationInputs["autoCreation"];
export type AddressConfigurationOutputs = AddressConfigurationInputs & { readonly sid: string };

interface RemoteAddress {
  sid: string;
  type: string;
  address: string;
  friendlyName: string | null;
  addressCountry: string | null;
  autoCreation: Record<string, unknown> | null;
}

/** Twilio's `auto_creation` (snake_case, only the keys of its type) in the inputs' spelling. */
function autoCreationFrom(remote: Record<string, unknown> | null): AutoCreation {
  const r = remote ?? {};
  const pick = <T>(key: string) => (r[key] === null || r[key] === undefined ? {} : { [key]: r[key] as T });
  const renamed = {
    ...pick<string>("type"),
    ...pick<string>("conversation_service_sid"),
    ...pick<string>("webhook_url"),
    ...pick<string>("webhook_filters"),
    ...pick<string>("studio_flow_sid"),
    ...pick<number>("studio_retry_count"),
  };
  const camel = Object.fromEntries(
    Object.entries(renamed).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v]),
  );
  const method =
    typeof r["webhook_method"] === "string" ? { webhookMethod: r["webhook_method"].toLowerCase() } : {};
  return { enabled: r["enabled"] === true, ...camel, ...method } as AutoCreation;
}

/** `declared`: the inputs, or the state a refresh starts from (runtime/check.ts `declaredView`). */
function outputsFrom(
  remote: RemoteAddress,
  declared: { autoCreation?: object } | undefined,
): AddressConfigurationOutputs {
  const autoCreation = autoCreationFrom(remote.autoCreation);
  return {
    sid: remote.sid,
    type: remote.type.toLowerCase() as AddressConfigurationInputs["type"],
    address: remote.address,
    ...(remote.friendlyName !== null ? { friendlyName: remote.friendlyName } : {}),
    ...(remote.addressCountry !== null ? { addressCountry: remote.addressCountry } : {}),
    autoCreation: declaredView(autoCreation, declared?.autoCreation, ["enabled"]),
  };
}

/** The update parameters: everything but the create-only type, address and country. */
function writable(inputs: AddressConfigurationInputs): AddressConfigurationContextUpdateOptions {
  const a = inputs.autoCreation;
  return compact<AddressConfigurationContextUpdateOptions>({
    friendlyName: inputs.friendlyName,
    "autoCreation.enabled": a.enabled,
    "autoCreation.type": a.type,
    "autoCreation.conversationServiceSid": a.conversationServiceSid,
    "autoCreation.webhookUrl": a.webhookUrl,
    "autoCreation.webhookMethod": a.webhookMethod,
    "autoCreation.webhookFilters": a.webhookFilters,
    "autoCreation.studioFlowSid": a.studioFlowSid,
    "autoCreation.studioRetryCount": a.studioRetryCount,
  });
}

/** Auto-creation settings the program declares that the state does not have. */
function autoCreationChanged(olds: AutoCreation | undefined, news: AutoCreation): boolean {
  return (
    changedDeclared<AutoCreation>(
      olds ?? { enabled: false },
      news,
      Object.keys(news) as (keyof AutoCreation)[],
    ).length > 0
  );
}

async function findByAddress(client: TwilioClient, inputs: AddressConfigurationInputs) {
  const all = await client.conversations.v1.addressConfigurations.list({ type: inputs.type });
  return all.find((a) => a.address === inputs.address);
}

export const addressConfigurationProvider = twilioProvider<
  AddressConfigurationInputs,
  AddressConfigurationOutputs,
  pulumi.dynamic.ResourceProvider<AddressConfigurationInputs, AddressConfigurationOutputs>
>({
  async check(_olds, news) {
    return checkInputs(addressConfigurationSchema, news);
  },

  async diff(_id, olds, news) {
    // The address is unique per account: the old configuration must go before the new one comes.
    // The country only counts when declared: Twilio may fill one in for a short code.
    const replaces = [
      ...changedCreateOnly(olds, news, ["type", "address"]),
      ...changedDeclared(olds, news, ["addressCountry"]),
    ];
    const changes =
      replaces.length > 0 ||
      changedDeclared(olds, news, ["friendlyName"]).length > 0 ||
      autoCreationChanged(olds.autoCreation, news.autoCreation);
    return { changes, replaces, deleteBeforeReplace: true };
  },

  async create(inputs) {
    const client = this.client();
    const action = `create address configuration for ${inputs.address}`;
    const created = await createOrAdopt<RemoteAddress>(
      action,
      () =>
        client.conversations.v1.addressConfigurations.create({
          type: inputs.type,
          address: inputs.address,
          ...(inputs.addressCountry !== undefined ? { addressCountry: inputs.addressCountry } : {}),
          ...writable(inputs),
        }),
      () => findByAddress(client, inputs),
    );
    if (!isAsDeclared(created, inputs)) {
      // Adopted after a lost reply: make sure it is what was asked.
      try {
        return {
          id: created.sid,
          outs: outputsFrom(await updateAddress(client, created.sid, inputs), inputs),
        };
      } catch (error) {
        throw incomplete(error, action, created.sid, outputsFrom(created, inputs));
      }
    }
    return { id: created.sid, outs: outputsFrom(created, inputs) };
  },

  async update(id, _olds, news) {
    return { outs: outputsFrom(await updateAddress(this.client(), id, news), news) };
  },

  async read(id, props) {
    const client = this.client();
    const remote = await fetchIfPresent(`fetch address configuration ${id}`, () =>
      client.conversations.v1.addressConfigurations(id).fetch(),
    );
    if (remote === undefined) return {};
    const outs = outputsFrom(remote, props);
    const { sid: _sid, ...inputs } = outs;
    return { id, props: outs, inputs: inputs as AddressConfigurationOutputs };
  },

  async delete(id) {
    const address = this.client().conversations.v1.addressConfigurations(id);
    await removeIfPresent(
      `delete address configuration ${id}`,
      () => address.remove(),
      () => address.fetch(),
    );
  },
});

/** Whether Twilio's configuration has the name and auto-creation settings the inputs declare. */
function isAsDeclared(remote: RemoteAddress, inputs: AddressConfigurationInputs): boolean {
  const outs = outputsFrom(remote, inputs);
  return (
    changedDeclared(outs, inputs, ["friendlyName"]).length === 0 &&
    !autoCreationChanged(outs.autoCreation, inputs.autoCreation)
  );
}

function updateAddress(client: TwilioClient, sid: string, inputs: AddressConfigurationInputs) {
  const address = client.conversations.v1.addressConfigurations(sid);
  return updateVerified<RemoteAddress>(
    `update address configuration ${sid}`,
    () => address.update(writable(inputs)),
    () => address.fetch(),
    (now) => isAsDeclared(now, inputs),
  );
}

/** Arguments of {@link AddressConfiguration}: every field may come from another resource's output. */
export type AddressConfigurationArgs = DeepInputs<z.input<typeof addressConfigurationSchema>>;

const stub = providerStub("addressConfiguration");

/**
 * An address (phone number, WhatsApp sender, email…) whose inbound messages create Conversations,
 * optionally handed to a Studio flow (`autoCreation.type: "studio"`). Changing the type, address
 * or country replaces it (deleted first: an address has one configuration).
 */
export class AddressConfiguration extends pulumi.dynamic.Resource {
  declare readonly sid: pulumi.Output<string>;
  declare readonly address: pulumi.Output<string>;
  declare readonly autoCreation: pulumi.Output<AutoCreation>;

  constructor(name: string, args: AddressConfigurationArgs, opts?: pulumi.CustomResourceOptions) {
    super(stub, name, { sid: undefined, ...args }, opts, "conversations", "AddressConfiguration");
  }
}
