import * as pulumi from "@pulumi/pulumi";
import type { ConversationContextUpdateOptions } from "twilio/lib/rest/conversations/v1/conversation";
import { z } from "zod";
import { type DeepInputs } from "./inputs";
import { changedDeclared, checkInputs, compact, declaredView } from "./runtime/check";
import { randomBytes } from "node:crypto";
import { twilioProvider } from "./runtime/provider";
import { providerStub } from "./runtime/stub";
import { messagingServiceSidSchema } from "../definition";
import { createOrAdopt, fetchIfPresent, removeIfPresent, updateVerified } from "./runtime/retry";

/** A Conversation in the account's default Conversations service (docs/twilio-rest.md §8). */
export const conversationSchema = z.object({
  friendlyName: z.string().max(256).optional(),
  /**
   * The conversation's unique key; when left out a name is generated once (`studiokit-…`) and
   * kept, like Pulumi's auto-naming. It is what finds a conversation whose create reply was lost.
   */
  uniqueName: z.string().min(1).max(256).optional(),
  messagingServiceSid: messagingServiceSidSchema.optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  state: z.enum(["inactive", "active", "closed"]).optional(),
  timers: z
    .object({
      inactive: z.string().regex(/^P/, "an ISO 8601 duration such as PT1H").optional(),
      closed: z.string().regex(/^P/, "an ISO 8601 duration such as P1D").optional(),
    })
    .optional(),
});

type Declared = z.output<typeof conversationSchema>;
export type ConversationInputs = Declared & { readonly uniqueName: string };
export type ConversationOutputs = ConversationInputs & {
  readonly sid: string;
  readonly chatServiceSid: string;
};

interface RemoteConversation {
  sid: string;
  chatServiceSid: string;
  friendlyName: string | null;
  uniqueName: string | null;
  messagingServiceSid: string | null;
  attributes: string | null;
  state: string;
}

function parseAttributes(text: string | null): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text ?? "{}");
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * Timers are not read back (Twilio answers with the dates they fire, not the durations), so they
 * stay as declared. `declared`: the inputs, or the state a refresh starts from.
 */
function outputsFrom(
  remote: RemoteConversation,
  declared: Partial<ConversationInputs> | undefined,
): ConversationOutputs {
  const live: ConversationOutputs = {
    sid: remote.sid,
    chatServiceSid: remote.chatServiceSid,
    uniqueName: remote.uniqueName ?? "",
    ...(remote.friendlyName !== null ? { friendlyName: remote.friendlyName } : {}),
    ...(remote.messagingServiceSid !== null ? { messagingServiceSid: remote.messagingServiceSid } : {}),
    attributes: parseAttributes(remote.attributes),
    state: remote.state as NonNullable<Declared["state"]>,
  };
  const timers = declared?.timers;
  return {
    ...declaredView(live, declared, ["sid", "chatServiceSid", "uniqueName"]),
    ...(timers !== undefined ? { timers } : {}),
  };
}

function writable(inputs: ConversationInputs): ConversationContextUpdateOptions {
  return compact<ConversationContextUpdateOptions>({
    friendlyName: inputs.friendlyName,
    uniqueName: inputs.uniqueName,
    messagingServiceSid: inputs.messagingServiceSid,
    attributes: inputs.attributes === undefined ? undefined : JSON.stringify(inputs.attributes),
    state: inputs.state,
    "timers.inactive": inputs.timers?.inactive,
    "timers.closed": inputs.timers?.closed,
  });
}

const managed = [
  "friendlyName",
  "uniqueName",
  "messagingServiceSid",
  "attributes",
  "state",
  "timers",
] as const;

export const conversationProvider = twilioProvider<
  ConversationInputs,
  ConversationOutputs,
  pulumi.dynamic.ResourceProvider<ConversationInputs, ConversationOutputs>
>({
  async check(olds, news) {
    const result = checkInputs(conversationSchema, news);
    if (result.inputs === undefined || result.inputs.uniqueName !== undefined)
      return result as pulumi.dynamic.CheckResult<ConversationInputs>;
    const uniqueName = olds.uniqueName ?? `studiokit-${randomBytes(6).toString("hex")}`;
    return { inputs: { ...result.inputs, uniqueName } };
  },

  async diff(_id, olds, news) {
    return { changes: changedDeclared<ConversationInputs>(olds, news, managed).length > 0 };
  },

  async create(inputs) {
    const client = this.client();
    const created = await createOrAdopt<RemoteConversation>(
      `create conversation "${inputs.uniqueName}"`,
      () => client.conversations.v1.conversations.create(writable(inputs)),
      () =>
        fetchIfPresent(`fetch conversation "${inputs.uniqueName}"`, () =>
          client.conversations.v1.conversations(inputs.uniqueName).fetch(),
        ),
    );
    return { id: created.sid, outs: outputsFrom(created, inputs) };
  },

  async update(id, _olds, news) {
    const conversation = this.client().conversations.v1.conversations(id);
    // Timers cannot be read back (Twilio answers with dates): the other settings tell.
    const readable = managed.filter((key) => key !== "timers");
    const updated = await updateVerified<RemoteConversation>(
      `update conversation ${id}`,
      () => conversation.update(writable(news)),
      () => conversation.fetch(),
      (now) => changedDeclared<ConversationInputs>(outputsFrom(now, news), news, readable).length === 0,
    );
    return { outs: outputsFrom(updated, news) };
  },

  async read(id, props) {
    const client = this.client();
    const remote = await fetchIfPresent(`fetch conversation ${id}`, () =>
      client.conversations.v1.conversations(id).fetch(),
    );
    if (remote === undefined) return {};
    const outs = outputsFrom(remote, props);
    const { sid: _sid, chatServiceSid: _service, ...inputs } = outs;
    return { id, props: outs, inputs: inputs as ConversationOutputs };
  },

  async delete(id) {
    const conversation = this.client().conversations.v1.conversations(id);
    await removeIfPresent(
      `delete conversation ${id}`,
      () => conversation.remove(),
      () => conversation.fetch(),
    );
  },
});

export type ConversationArgs = DeepInputs<z.input<typeof conversationSchema>>;

const stub = providerStub("conversation");

/** A Conversation created by hand, as in the tutorial's manual wiring (participant + studio webhook). */
export class Conversation extends pulumi.dynamic.Resource {
  declare readonly sid: pulumi.Output<string>;
  declare readonly uniqueName: pulumi.Output<string>;
  declare readonly chatServiceSid: pulumi.Output<string>;

  constructor(name: string, args: ConversationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      stub,
      name,
      { sid: undefined, chatServiceSid: undefined, uniqueName: undefined, ...args },
      opts,
      "conversations",
      "Conversation",
    );
  }
}
