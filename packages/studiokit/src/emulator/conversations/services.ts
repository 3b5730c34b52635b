import { created, noContent, ok, type RequestContext, type Route } from "../context";
import { invalidParameter, notFound } from "../errors";
import { page } from "../pagination";
import { newService } from "../store";
import { type ServiceRecord } from "../state";
import { assignDefined, readWebhookTargets } from "./configuration";
import { deleteConversation } from "./conversations";

function find(ctx: RequestContext, sid: string | undefined): ServiceRecord {
  const service = sid === undefined ? undefined : ctx.store.services.get(sid);
  if (!service) throw notFound(ctx.path);
  return service;
}

function render(ctx: RequestContext, s: ServiceRecord) {
  const url = `${ctx.base}/v1/Services/${s.sid}`;
  const links = [
    ["conversations", "Conversations"],
    ["users", "Users"],
    ["roles", "Roles"],
    ["bindings", "Bindings"],
    ["configuration", "Configuration"],
    ["participant_conversations", "ParticipantConversations"],
    ["conversation_with_participants", "ConversationWithParticipants"],
  ];
  return {
    account_sid: s.account_sid,
    sid: s.sid,
    friendly_name: s.friendly_name,
    date_created: s.date_created,
    date_updated: s.date_updated,
    url,
    links: Object.fromEntries(links.map(([key, path]) => [key, `${url}/${path}`])),
  };
}

function renderConfiguration(ctx: RequestContext, s: ServiceRecord) {
  const url = `${ctx.base}/v1/Services/${s.sid}/Configuration`;
  return {
    chat_service_sid: s.sid,
    ...s.configuration,
    url,
    links: { notifications: `${url}/Notifications`, webhooks: `${url}/Webhooks` },
  };
}

const renderWebhooks = (ctx: RequestContext, s: ServiceRecord) => ({
  account_sid: s.account_sid,
  chat_service_sid: s.sid,
  ...s.webhooks,
  url: `${ctx.base}/v1/Services/${s.sid}/Configuration/Webhooks`,
});

export const serviceRoutes: Route[] = [
  {
    path: "/v1/Services",
    handlers: {
      POST: (ctx) => {
        const service = newService(ctx.accountSid, ctx.form.required("FriendlyName"));
        ctx.store.services.set(service.sid, service);
        return created(render(ctx, service));
      },
      GET: (ctx) =>
        ok(
          page(
            ctx,
            "services",
            [...ctx.store.services.values()].map((s) => render(ctx, s)),
            100,
          ),
        ),
    },
  },
  {
    path: "/v1/Services/:Sid",
    handlers: {
      GET: (ctx) => ok(render(ctx, find(ctx, ctx.params["Sid"]))),
      DELETE: (ctx) => {
        const service = find(ctx, ctx.params["Sid"]);
        if (service.sid === ctx.store.configuration.default_chat_service_sid)
          throw invalidParameter(`Service ${service.sid} is the account's default Conversations service`);
        for (const c of [...ctx.store.conversations.values()])
          if (c.chat_service_sid === service.sid) deleteConversation(ctx, c.sid);
        ctx.store.services.delete(service.sid);
        return noContent();
      },
    },
  },
  {
    path: "/v1/Services/:ChatServiceSid/Configuration",
    handlers: {
      GET: (ctx) => ok(renderConfiguration(ctx, find(ctx, ctx.params["ChatServiceSid"]))),
      POST: (ctx) => {
        const service = find(ctx, ctx.params["ChatServiceSid"]);
        const form = ctx.form;
        service.configuration = assignDefined(service.configuration, {
          default_conversation_creator_role_sid: form.sid("DefaultConversationCreatorRoleSid", "RL"),
          default_conversation_role_sid: form.sid("DefaultConversationRoleSid", "RL"),
          default_chat_service_role_sid: form.sid("DefaultChatServiceRoleSid", "RL"),
          reachability_enabled: form.bool("ReachabilityEnabled"),
        });
        return ok(renderConfiguration(ctx, service));
      },
    },
  },
  {
    path: "/v1/Services/:ChatServiceSid/Configuration/Webhooks",
    handlers: {
      GET: (ctx) => ok(renderWebhooks(ctx, find(ctx, ctx.params["ChatServiceSid"]))),
      POST: (ctx) => {
        const service = find(ctx, ctx.params["ChatServiceSid"]);
        service.webhooks = assignDefined(service.webhooks, readWebhookTargets(ctx.form));
        return ok(renderWebhooks(ctx, service));
      },
    },
  },
];
