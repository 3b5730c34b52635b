import * as pulumi from "@pulumi/pulumi";
import type { WebhookContextUpdateOptions } from "twilio/lib/rest/conversations/v1/conversation/webhook";
import { z } from "zod";
import { type DeepInputs } from "./inputs";
import { changedCreateOnly, changedDeclared, checkInputs, compact, declaredView } from "./runtime/check";
import { type TwilioClient } from "./runtime/client";
import { incomplete } from "./runtime/errors";
import { twilioProvider } from "./runtime/provider";
import { providerStub } from "./runtime/stub";
import { flowSidSchema, conversationSidSchema } from "../definition";
import { createOrAdopt, fetchIfPresent, removeIfPresent, updateVerified } from "./runtime/retry";

/**
 * A conversation-scoped webhook (docs/twilio-rest.md §10): `studio` hands the conversation's messages
 * to a flow (the tutorial's manual wiring), `webhook` posts events to a URL, `trigger` posts when
 * a message contains one of the trigger keywords.
 */
export const conversationWebhookSchema = z
  .object({
    conversationSid: conversationSidSchema,
    target: z.enum(["studio", "webhook", "trigger"]),
    flowSid: flowSidSchema.optional(),
    url: z.url().optional(),
    method: z
      .enum(["get", "post", "GET", "POST"])
      .transform((m) => m.toLowerCase() as "get" | "post")
      .optional(),
    filters: z.array(z.string().min(1)).optional(),
    triggers: z.array(z.string().min(1)).optional(),
    replayAfter: z.number().int().min(0).optional(),
  })
  .refine((w) => w.target !== "studio" || w.flowSid !== undefined, {
    message: 'target "studio" needs flowSid: the flow that handles the conversation',
    path: ["flowSid"],
  })
  .refine((w) => w.target === "studio" || w.url !== undefined, {
    message: 'targets "webhook" and "trigger" need url',
    path: ["url"],
  });

export type ConversationWebhookInputs = z.output<typeof conversationWebhookSchema>;
export type ConversationWebhookOutputs = ConversationWebhookInputs & { readonly sid: string };

interface RemoteWebhook {
  sid: string;
  conversationSid: string;
  target: string;
  configuration: Record<string, unknown> | null;
}

const strings = (v: unknown) =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : undefined;

/**
 * `configuration` holds only the keys of its target. For `trigger`, Twilio lists the keywords
 * under `filters` (spec example; UNCONFIRMED, docs/twilio-rest.md §10): they are read back as `triggers`.
 */
function outputsFrom(
  remote: RemoteWebhook,
  declared: Partial<ConversationWebhookInputs> | undefined,
): ConversationWebhookOutputs {
  const c = remote.configuration ?? {};
  const target = remote.target as ConversationWebhookInputs["target"];
  const listed = strings(c["filters"]);
  const live: ConversationWebhookOutputs = {
    sid: remote.sid,
    conversationSid: remote.conversationSid,
    target,
    ...(typeof c["flow_sid"] === "string" ? { flowSid: c["flow_sid"] } : {}),
    ...(typeof c["url"] === "string" ? { url: c["url"] } : {}),
    ...(typeof c["method"] === "string" ? { method: c["method"].toLowerCase() as "get" | "post" } : {}),
    ...(listed !== undefined ? (target === "trigger" ? { triggers: listed } : { filters: listed }) : {}),
  };
  const read = declaredView(live, declared, ["sid", "conversationSid", "target"]);
  // What Twilio does not answer with (ReplayAfter is create-only; a trigger's event filters) is
  // kept as declared.
  const unread = (["filters", "triggers", "replayAfter"] as const).filter(
    (key) => read[key] === undefined && declared?.[key] !== undefined,
  );
  return { ...read, ...Object.fromEntries(unread.map((key) => [key, declared?.[key]])) };
}

function writable(inputs: ConversationWebhookInputs): WebhookContextUpdateOptions {
  return compact<WebhookContextUpdateOptions>({
    "configuration.url": inputs.url,
    "configuration.method": inputs.method,
    "configuration.filters": inputs.filters,
    "configuration.triggers": inputs.triggers,
    "configuration.flowSid": inputs.flowSid,
  });
}

const inPlace = ["flowSid", "url", "method", "filters", "triggers"] as const;

function configure(client: TwilioClient, sid: string, inputs: ConversationWebhookInputs) {
  const webhook = client.conversations.v1.conversations(inputs.conversationSid).webhooks(sid);
  return updateVerified<RemoteWebhook>(
    `update webhook ${sid}`,
    () => webhook.update(writable(inputs)),
    () => webhook.fetch(),
    (now) => changedDeclared(outputsFrom(now, inputs), inputs, inPlace).length === 0,
  );
}

export const conversationWebhookProvider = twilioProvider<
  ConversationWebhookInputs,
  ConversationWebhookOutputs,
  pulumi.dynamic.ResourceProvider<ConversationWebhookInputs, ConversationWebhookOutputs>
>({
  async check(_olds, news) {
    return checkInputs(conversationWebhookSchema, news);
  },

  async diff(_id, olds, news) {
    const replaces = changedCreateOnly(olds, news, ["conversationSid", "target", "replayAfter"]);
    return { changes: replaces.length > 0 || changedDeclared(olds, news, inPlace).length > 0, replaces };
  },

  async create(inputs) {
    const client = this.client();
    const webhooks = client.conversations.v1.conversations(inputs.conversationSid).webhooks;
    const action = `add ${inputs.target} webhook to conversation ${inputs.conversationSid}`;
    const created = await createOrAdopt<RemoteWebhook>(
      action,
      () =>
        webhooks.create({
          target: inputs.target,
          ...writable(inputs),
          ...(inputs.replayAfter !== undefined ? { "configuration.replayAfter": inputs.replayAfter } : {}),
        }),
      // At most five per conversation; the one with this target and flow/URL is the lost create.
      async () =>
        (await webhooks.list()).find((w) => {
          const o = outputsFrom(w, inputs);
          return o.target === inputs.target && o.flowSid === inputs.flowSid && o.url === inputs.url;
        }),
    );
    const outs = outputsFrom(created, inputs);
    if (changedDeclared(outs, inputs, inPlace).length > 0) {
      try {
        return { id: created.sid, outs: outputsFrom(await configure(client, created.sid, inputs), inputs) };
      } catch (error) {
        throw incomplete(error, action, created.sid, outs);
      }
    }
    return { id: created.sid, outs };
  },

  async update(id, _olds, news) {
    return { outs: outputsFrom(await configure(this.client(), id, news), news) };
  },

  async read(id, props) {
    const conversationSid = props?.conversationSid;
    if (conversationSid === undefined) {
      throw new Error(
        `webhook ${id}: reading it needs its conversation SID, which only a created webhook's state has; import is supported for flows, address configurations and conversations`,
      );
    }
    const client = this.client();
    const remote = await fetchIfPresent(`fetch webhook ${id}`, () =>
      client.conversations.v1.conversations(conversationSid).webhooks(id).fetch(),
    );
    if (remote === undefined) return {};
    const outs = outputsFrom(remote, props);
    const { sid: _sid, ...inputs } = outs;
    return { id, props: outs, inputs: inputs as ConversationWebhookOutputs };
  },

  async delete(id, props) {
    const webhook = this.client().conversations.v1.conversations(props.conversationSid).webhooks(id);
    await removeIfPresent(
      `delete webhook ${id}`,
      () => webhook.remove(),
      () => webhook.fetch(),
    );
  },
});

export type ConversationWebhookArgs = DeepInputs<z.input<typeof conversationWebhookSchema>>;

const stub = providerStub("conversationWebhook");

/** A webhook on one conversation; with `target: "studio"` it hands the conversation to a flow. */
export class ConversationWebhook extends pulumi.dynamic.Resource {
  declare readonly sid: pulumi.Output<string>;

  constructor(name: string, args: ConversationWebhookArgs, opts?: pulumi.CustomResourceOptions) {
    super(stub, name, { sid: undefined, ...args }, opts, "conversations", "Webhook");
  }
}
