import { created, noContent, ok, type RequestContext, type Route } from "../context";
import { invalidParameter, notFound } from "../errors";
import { page } from "../pagination";
import { isoNow, newSid } from "../sids";
import { autoCreationSchema, type AddressConfigurationRecord, type AutoCreation } from "../state";
import { readUrl } from "./values";

const types = ["sms", "whatsapp", "messenger", "gbm", "email", "rcs", "apple", "chat"] as const;
const webhookFilters = [
  "onMessageAdded",
  "onMessageUpdated",
  "onMessageRemoved",
  "onConversationUpdated",
  "onConversationStateUpdated",
  "onConversationRemoved",
  "onParticipantAdded",
  "onParticipantUpdated",
  "onParticipantRemoved",
  "onDeliveryUpdated",
] as const;

/** Only the keys of the current auto-creation type are shown (spec examples). */
function renderAutoCreation(ctx: RequestContext, a: AutoCreation): Record<string, unknown> {
  const base = { enabled: a.enabled, type: a.type };
  const service = a.conversation_service_sid ?? ctx.store.configuration.default_chat_service_sid;
  if (a.type === "webhook")
    return {
      ...base,
      conversation_service_sid: service,
      webhook_url: a.webhook_url,
      webhook_method: a.webhook_method,
      webhook_filters: a.webhook_filters,
    };
  if (a.type === "studio")
    return {
      ...base,
      conversation_service_sid: service,
      studio_flow_sid: a.studio_flow_sid,
      studio_retry_count: a.studio_retry_count,
    };
  return base;
}

function render(ctx: RequestContext, r: AddressConfigurationRecord) {
  return {
    sid: r.sid,
    account_sid: r.account_sid,
    type: r.type,
    address: r.address,
    friendly_name: r.friendly_name,
    auto_creation: renderAutoCreation(ctx, r.auto_creation),
    date_created: r.date_created,
    date_updated: r.date_updated,
    url: `${ctx.base}/v1/Configuration/Addresses/${r.sid}`,
    address_country: r.address_country,
  };
}

/** `{Sid}` may be the IG SID or the address itself. */
function find(ctx: RequestContext, key: string | undefined): AddressConfigurationRecord {
  for (const r of ctx.store.addressConfigurations.values()) if (r.sid === key || r.address === key) return r;
  throw notFound(ctx.path);
}

/**
 * The `AutoCreation.*` parameters merged over `previous`. Defaults where Twilio's are not
 * documented (UNCONFIRMED): disabled, type default, method POST, no filters, 3 retries.
 */
function readAutoCreation(ctx: RequestContext, previous: AutoCreation): AutoCreation {
  const form = ctx.form;
  const filters = form.list("AutoCreation.WebhookFilters");
  for (const f of filters ?? [])
    if (!(webhookFilters as readonly string[]).includes(f))
      throw invalidParameter(
        `Invalid parameter AutoCreation.WebhookFilters: "${f}" is not one of ${webhookFilters.join(", ")}`,
      );
  const method = form.oneOf("AutoCreation.WebhookMethod", ["get", "post"] as const);
  return autoCreationSchema.parse({
    enabled: form.bool("AutoCreation.Enabled") ?? previous.enabled,
    type: form.oneOf("AutoCreation.Type", ["webhook", "studio", "default"] as const) ?? previous.type,
    conversation_service_sid:
      form.sid("AutoCreation.ConversationServiceSid", "IS") ?? previous.conversation_service_sid,
    webhook_url: readUrl(form, "AutoCreation.WebhookUrl") ?? previous.webhook_url,
    webhook_method: method ? (method.toUpperCase() as "GET" | "POST") : previous.webhook_method,
    webhook_filters: filters ?? previous.webhook_filters,
    studio_flow_sid: form.sid("AutoCreation.StudioFlowSid", "FW") ?? previous.studio_flow_sid,
    studio_retry_count: form.int("AutoCreation.StudioRetryCount", 0) ?? previous.studio_retry_count,
  });
}

const initialAutoCreation: AutoCreation = {
  enabled: false,
  type: "default",
  conversation_service_sid: null,
  webhook_url: null,
  webhook_method: "POST",
  webhook_filters: [],
  studio_flow_sid: null,
  studio_retry_count: 3,
};

export const addressRoutes: Route[] = [
  {
    path: "/v1/Configuration/Addresses",
    handlers: {
      // Type, Address and AddressCountry are create-only: changing them means a new configuration.
      POST: (ctx) => {
        const form = ctx.form;
        const type = form.requiredOneOf("Type", types);
        const address = form.required("Address");
        if (address === "") throw invalidParameter("Invalid parameter Address: must not be empty");
        const taken = [...ctx.store.addressConfigurations.values()].find((r) => r.address === address);
        // The address is unique per account (docs); the error code is UNCONFIRMED.
        if (taken)
          throw invalidParameter(`Address Configuration for ${address} already exists: ${taken.sid}`);
        const now = isoNow();
        const record: AddressConfigurationRecord = {
          sid: newSid("IG"),
          account_sid: ctx.accountSid,
          // The spec example echoes the type as sent ("whAtsAPP"); it is matched case-insensitively.
          type: form.string("Type") ?? type,
          address,
          friendly_name: form.string("FriendlyName") ?? null,
          address_country: form.string("AddressCountry") ?? null,
          auto_creation: readAutoCreation(ctx, initialAutoCreation),
          date_created: now,
          date_updated: now,
        };
        ctx.store.addressConfigurations.set(record.sid, record);
        return created(render(ctx, record));
      },
      GET: (ctx) => {
        const type = ctx.query.get("Type");
        const items = [...ctx.store.addressConfigurations.values()]
          .filter((r) => type === null || r.type.toLowerCase() === type.toLowerCase())
          .map((r) => render(ctx, r));
        return ok(page(ctx, "address_configurations", items, 50, 50, type === null ? {} : { Type: type }));
      },
    },
  },
  {
    path: "/v1/Configuration/Addresses/:Sid",
    handlers: {
      GET: (ctx) => ok(render(ctx, find(ctx, ctx.params["Sid"]))),
      POST: (ctx) => {
        const record = find(ctx, ctx.params["Sid"]);
        const updated: AddressConfigurationRecord = {
          ...record,
          friendly_name: ctx.form.string("FriendlyName") ?? record.friendly_name,
          auto_creation: readAutoCreation(ctx, record.auto_creation),
          date_updated: isoNow(),
        };
        ctx.store.addressConfigurations.set(record.sid, updated);
        return ok(render(ctx, updated));
      },
      DELETE: (ctx) => {
        ctx.store.addressConfigurations.delete(find(ctx, ctx.params["Sid"]).sid);
        return noContent();
      },
    },
  },
];
