import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type DeepInputs } from "./inputs";
import { changedCreateOnly, changedDeclared, checkInputs, compact, declaredView } from "./runtime/check";
import { type TwilioClient } from "./runtime/client";
import { incomplete } from "./runtime/errors";
import { twilioProvider } from "./runtime/provider";
import { providerStub } from "./runtime/stub";
import { conversationSidSchema } from "../definition";
import { createOrAdopt, fetchIfPresent, removeIfPresent, updateVerified } from "./runtime/retry";

/**
 * A participant of a conversation (docs/twilio-rest.md §9): an SMS/WhatsApp contact (messaging
 * binding address + the Twilio number as proxy address) or a chat identity.
 */
export const participantSchema = z
  .object({
    conversationSid: conversationSidSchema,
    messagingBindingAddress: z.string().min(1).optional(),
    messagingBindingProxyAddress: z.string().min(1).optional(),
    identity: z.string().min(1).optional(),
    attributes: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((p) => p.identity !== undefined || p.messagingBindingAddress !== undefined, {
    message: "give messagingBindingAddress (the contact's number) or identity (a chat user)",
    path: ["messagingBindingAddress"],
  })
  .refine(
    (p) => (p.messagingBindingAddress === undefined) === (p.messagingBindingProxyAddress === undefined),
    {
      message: "messagingBindingAddress and messagingBindingProxyAddress (your Twilio number) go together",
      path: ["messagingBindingProxyAddress"],
    },
  );

export type ParticipantInputs = z.output<typeof participantSchema>;
export type ParticipantOutputs = ParticipantInputs & { readonly sid: string };

interface RemoteParticipant {
  sid: string;
  conversationSid: string;
  identity: string | null;
  attributes: string | null;
  messagingBinding: { address?: string; proxy_address?: string } | null;
}

/** `declared`: the inputs, or the state a refresh starts from; none for the full live view. */
function outputsFrom(remote: RemoteParticipant, declared?: object): ParticipantOutputs {
  const binding = remote.messagingBinding ?? {};
  let attributes: Record<string, unknown> = {};
  try {
    attributes = JSON.parse(remote.attributes ?? "{}") as Record<string, unknown>;
  } catch {
    // Twilio stores what it was given; a participant created elsewhere may carry non-JSON text.
  }
  const live: ParticipantOutputs = {
    sid: remote.sid,
    conversationSid: remote.conversationSid,
    ...(binding.address !== undefined ? { messagingBindingAddress: binding.address } : {}),
    ...(binding.proxy_address !== undefined ? { messagingBindingProxyAddress: binding.proxy_address } : {}),
    ...(remote.identity !== null ? { identity: remote.identity } : {}),
    attributes,
  };
  const identity = [
    "sid",
    "conversationSid",
    "messagingBindingAddress",
    "messagingBindingProxyAddress",
    "identity",
  ] as const;
  return declaredView(live, declared, identity);
}

/** The participant's unique key within its conversation: its binding pair, or its identity. */
function isSame(remote: RemoteParticipant, inputs: ParticipantInputs): boolean {
  const o = outputsFrom(remote);
  return inputs.identity !== undefined
    ? o.identity === inputs.identity
    : o.messagingBindingAddress === inputs.messagingBindingAddress &&
        o.messagingBindingProxyAddress === inputs.messagingBindingProxyAddress;
}

const attributesText = (inputs: ParticipantInputs) =>
  inputs.attributes === undefined ? undefined : JSON.stringify(inputs.attributes);

function setAttributes(
  client: TwilioClient,
  conversationSid: string,
  sid: string,
  inputs: ParticipantInputs,
) {
  const participant = client.conversations.v1.conversations(conversationSid).participants(sid);
  return updateVerified<RemoteParticipant>(
    `update participant ${sid}`,
    () => participant.update(compact({ attributes: attributesText(inputs) })),
    () => participant.fetch(),
    (now) => changedDeclared(outputsFrom(now, inputs), inputs, ["attributes"]).length === 0,
  );
}

export const participantProvider = twilioProvider<
  ParticipantInputs,
  ParticipantOutputs,
  pulumi.dynamic.ResourceProvider<ParticipantInputs, ParticipantOutputs>
>({
  async check(_olds, news) {
    return checkInputs(participantSchema, news);
  },

  async diff(_id, olds, news) {
    // Twilio rejects a changed proxy address on update (50441): the binding and the parent replace.
    const replaces = changedCreateOnly(olds, news, [
      "conversationSid",
      "messagingBindingAddress",
      "messagingBindingProxyAddress",
      "identity",
    ]);
    return {
      changes: replaces.length > 0 || changedDeclared(olds, news, ["attributes"]).length > 0,
      replaces,
    };
  },

  async create(inputs) {
    const client = this.client();
    const participants = client.conversations.v1.conversations(inputs.conversationSid).participants;
    const action = `add participant to conversation ${inputs.conversationSid}`;
    const created = await createOrAdopt<RemoteParticipant>(
      action,
      () =>
        participants.create(
          compact({
            identity: inputs.identity,
            "messagingBinding.address": inputs.messagingBindingAddress,
            "messagingBinding.proxyAddress": inputs.messagingBindingProxyAddress,
            attributes: attributesText(inputs),
          }),
        ),
      async () => (await participants.list()).find((p) => isSame(p, inputs)),
    );
    const outs = outputsFrom(created, inputs);
    if (changedDeclared(outs, inputs, ["attributes"]).length > 0) {
      // Adopted after a lost reply: make sure it is what was asked.
      try {
        const updated = await setAttributes(client, inputs.conversationSid, created.sid, inputs);
        return { id: created.sid, outs: outputsFrom(updated, inputs) };
      } catch (error) {
        throw incomplete(error, action, created.sid, outs);
      }
    }
    return { id: created.sid, outs };
  },

  async update(id, _olds, news) {
    return { outs: outputsFrom(await setAttributes(this.client(), news.conversationSid, id, news), news) };
  },

  async read(id, props) {
    const conversationSid = props?.conversationSid;
    if (conversationSid === undefined) {
      throw new Error(
        `participant ${id}: reading it needs its conversation SID, which only a created participant's state has; import is supported for flows, address configurations and conversations`,
      );
    }
    const client = this.client();
    const remote = await fetchIfPresent(`fetch participant ${id}`, () =>
      client.conversations.v1.conversations(conversationSid).participants(id).fetch(),
    );
    if (remote === undefined) return {};
    const outs = outputsFrom(remote, props);
    const { sid: _sid, ...inputs } = outs;
    return { id, props: outs, inputs: inputs as ParticipantOutputs };
  },

  async delete(id, props) {
    const participant = this.client().conversations.v1.conversations(props.conversationSid).participants(id);
    await removeIfPresent(
      `remove participant ${id}`,
      () => participant.remove(),
      () => participant.fetch(),
    );
  },
});

export type ParticipantArgs = DeepInputs<z.input<typeof participantSchema>>;

const stub = providerStub("participant");

/** A conversation participant; the tutorial adds the contact's number with the Twilio number as proxy. */
export class Participant extends pulumi.dynamic.Resource {
  declare readonly sid: pulumi.Output<string>;

  constructor(name: string, args: ParticipantArgs, opts?: pulumi.CustomResourceOptions) {
    super(stub, name, { sid: undefined, ...args }, opts, "conversations", "Participant");
  }
}
