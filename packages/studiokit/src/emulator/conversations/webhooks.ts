import { created, noContent, ok, type RequestContext, type Route } from "../context";
import { ApiError, codes, invalidParameter } from "../errors";
import { page } from "../pagination";
import { isoNow, isSid, newSid } from "../sids";
import { type ConversationRecord, type WebhookRecord } from "../state";
import { conversationOf, inBothScopes, recordIn, recordsIn, withService, type Scope } from "./scope";
import { readUrl } from "./values";

const targets = ["webhook", "trigger", "studio"] as const;
const methods = ["get", "post"] as const;
const maxPerConversation = 5;

/**
 * `configuration` keys depend on the target, as in the spec examples: studio → `flow_sid`;
 * webhook → `url`, `method`, `filters`; trigger → `url`, `method` and the trigger keywords under
 * `filters` (the spec's update example does this; UNCONFIRMED, docs/twilio-rest.md §10).
 */
function renderConfiguration(w: WebhookRecord): Record<string, unknown> {
  const c = w.configuration;
  if (w.target === "studio") return { flow_sid: c["flow_sid"] ?? null };
  const filters = w.target === "trigger" ? c["triggers"] : c["filters"];
  return { url: c["url"] ?? null, method: c["method"] ?? "post", filters: filters ?? [] };
}

function render(ctx: RequestContext, scope: Scope, w: WebhookRecord) {
  return withService(scope, w.chat_service_sid, {
    sid: w.sid,
    account_sid: w.account_sid,
    conversation_sid: w.conversation_sid,
    target: w.target,
    url: `${scope.conversations}/${w.conversation_sid}/Webhooks/${w.sid}`,
    configuration: renderConfiguration(w),
    date_created: w.date_created,
    date_updated: w.date_updated,
  });
}

/** The `Configuration.*` parameters create and update share, merged over `previous`. */
function readConfiguration(ctx: RequestContext, previous: Record<string, unknown>): Record<string, unknown> {
  const form = ctx.form;
  const next = { ...previous };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) next[key] = value;
  };
  set("url", readUrl(form, "Configuration.Url"));
  set("method", form.oneOf("Configuration.Method", methods)?.toLowerCase());
  set("filters", form.list("Configuration.Filters"));
  set("triggers", form.list("Configuration.Triggers"));
  const flowSid = form.string("Configuration.FlowSid");
  if (flowSid !== undefined) {
    if (!isSid("FW", flowSid) || !ctx.store.flows.has(flowSid))
      throw new ApiError(
        400,
        codes.invalidWebhookFlowSid,
        `Invalid Configuration.FlowSid "${flowSid}": no such Flow`,
      );
    next["flow_sid"] = flowSid;
  }
  return next;
}

/** What each target cannot work without. */
function checkComplete(target: WebhookRecord["target"], c: Record<string, unknown>): void {
  if (target === "studio" && c["flow_sid"] === undefined)
    throw invalidParameter("Missing required parameter Configuration.FlowSid for target studio");
  if (target !== "studio" && c["url"] === undefined)
    throw invalidParameter(`Missing required parameter Configuration.Url for target ${target}`);
}

/** A conversation-scoped webhook, not yet stored. */
export function newWebhook(
  conversation: ConversationRecord,
  target: WebhookRecord["target"],
  configuration: Record<string, unknown>,
  now: string,
): WebhookRecord {
  return {
    sid: newSid("WH"),
    account_sid: conversation.account_sid,
    chat_service_sid: conversation.chat_service_sid,
    conversation_sid: conversation.sid,
    target,
    configuration,
    date_created: now,
    date_updated: now,
  };
}

export const webhookRoutes: Route[] = [
  ...inBothScopes("/Conversations/:ConversationSid/Webhooks", {
    POST: (ctx) => {
      const { scope, conversation } = conversationOf(ctx);
      const target = ctx.form.requiredOneOf("Target", targets);
      const configuration = readConfiguration(ctx, {});
      const replayAfter = ctx.form.int("Configuration.ReplayAfter", 0);
      if (replayAfter !== undefined) configuration["replay_after"] = replayAfter;
      checkComplete(target, configuration);
      const existing = recordsIn(ctx.store.webhooks, conversation);
      if (existing.length >= maxPerConversation)
        throw new ApiError(
          400,
          codes.tooManyWebhooks,
          `Conversation ${conversation.sid} already has ${maxPerConversation} scoped webhooks`,
        );
      const w = newWebhook(conversation, target, configuration, isoNow());
      ctx.store.webhooks.set(w.sid, w);
      return created(render(ctx, scope, w));
    },
    GET: (ctx) => {
      const { scope, conversation } = conversationOf(ctx);
      const items = recordsIn(ctx.store.webhooks, conversation).map((w) => render(ctx, scope, w));
      return ok(page(ctx, "webhooks", items, 5));
    },
  }),
  ...inBothScopes("/Conversations/:ConversationSid/Webhooks/:Sid", {
    GET: (ctx) => {
      const { scope, conversation } = conversationOf(ctx);
      return ok(render(ctx, scope, recordIn(ctx, ctx.store.webhooks, conversation, ctx.params["Sid"])));
    },
    // Target and ReplayAfter are create-only: a change means a new webhook.
    POST: (ctx) => {
      const { scope, conversation } = conversationOf(ctx);
      const w = recordIn(ctx, ctx.store.webhooks, conversation, ctx.params["Sid"]);
      const configuration = readConfiguration(ctx, w.configuration);
      checkComplete(w.target, configuration);
      const updated: WebhookRecord = { ...w, configuration, date_updated: isoNow() };
      ctx.store.webhooks.set(w.sid, updated);
      return ok(render(ctx, scope, updated));
    },
    DELETE: (ctx) => {
      const { conversation } = conversationOf(ctx);
      ctx.store.webhooks.delete(recordIn(ctx, ctx.store.webhooks, conversation, ctx.params["Sid"]).sid);
      return noContent();
    },
  }),
];
