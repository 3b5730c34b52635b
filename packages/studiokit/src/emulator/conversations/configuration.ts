import { ok, type RequestContext, type Route } from "../context";
import { invalidParameter } from "../errors";
import { type Form } from "../form";
import { readDuration, readUrl } from "./values";

function renderConfiguration(ctx: RequestContext) {
  const c = ctx.store.configuration;
  return {
    account_sid: ctx.accountSid,
    default_chat_service_sid: c.default_chat_service_sid,
    default_messaging_service_sid: c.default_messaging_service_sid,
    default_inactive_timer: c.default_inactive_timer,
    default_closed_timer: c.default_closed_timer,
    url: `${ctx.base}/v1/Configuration`,
    links: {
      service: `${ctx.base}/v1/Services/${c.default_chat_service_sid}/Configuration`,
      webhooks: `${ctx.base}/v1/Configuration/Webhooks`,
    },
  };
}

function renderWebhooks(ctx: RequestContext) {
  const w = ctx.store.configuration.webhooks;
  return {
    account_sid: ctx.accountSid,
    method: w.method,
    filters: w.filters,
    pre_webhook_url: w.pre_webhook_url,
    post_webhook_url: w.post_webhook_url,
    target: w.target,
    url: `${ctx.base}/v1/Configuration/Webhooks`,
  };
}

/** `Method` is free text in the request schema but GET/POST in responses; other values are refused. */
export function readMethod(form: Form): "GET" | "POST" | undefined {
  const method = form.string("Method");
  if (method === undefined) return undefined;
  const upper = method.toUpperCase();
  if (upper !== "GET" && upper !== "POST")
    throw invalidParameter(`Invalid parameter Method: "${method}" is not one of GET, POST`);
  return upper;
}

/** The webhook targets shared by the account and per-service singletons; "" clears a URL (UNCONFIRMED). */
export function readWebhookTargets(form: Form) {
  const url = (name: string) => (form.string(name) === "" ? null : readUrl(form, name));
  return {
    pre_webhook_url: url("PreWebhookUrl"),
    post_webhook_url: url("PostWebhookUrl"),
    filters: form.list("Filters"),
    method: readMethod(form),
  };
}

/** Copies the defined values of `changes` over `target`. */
export function assignDefined<T extends object>(
  target: T,
  changes: { [K in keyof T]?: T[K] | undefined },
): T {
  const next = { ...target };
  for (const [key, value] of Object.entries(changes))
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  return next;
}

export const configurationRoutes: Route[] = [
  {
    path: "/v1/Configuration",
    handlers: {
      GET: (ctx) => ok(renderConfiguration(ctx)),
      POST: (ctx) => {
        const form = ctx.form;
        const serviceSid = form.sid("DefaultChatServiceSid", "IS");
        if (serviceSid !== undefined && !ctx.store.services.has(serviceSid))
          throw invalidParameter(
            `Invalid parameter DefaultChatServiceSid: no Conversations service ${serviceSid}`,
          );
        const next = assignDefined(ctx.store.configuration, {
          default_chat_service_sid: serviceSid,
          default_messaging_service_sid: form.sid("DefaultMessagingServiceSid", "MG"),
          default_inactive_timer: readDuration(form, "DefaultInactiveTimer", 60),
          default_closed_timer: readDuration(form, "DefaultClosedTimer", 600),
        });
        Object.assign(ctx.store.configuration, next);
        return ok(renderConfiguration(ctx));
      },
    },
  },
  {
    path: "/v1/Configuration/Webhooks",
    handlers: {
      GET: (ctx) => ok(renderWebhooks(ctx)),
      POST: (ctx) => {
        const form = ctx.form;
        const next = assignDefined(ctx.store.configuration.webhooks, {
          ...readWebhookTargets(form),
          target: form.oneOf("Target", ["webhook", "flex"] as const),
        });
        ctx.store.configuration.webhooks = next;
        return ok(renderWebhooks(ctx));
      },
    },
  },
];
