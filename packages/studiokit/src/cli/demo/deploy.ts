import type * as pulumi from "@pulumi/pulumi";
import ivr from "./ivr";
import tutorial from "./tutorial";
import { compile, type Flow } from "../../compiler";
import { providerImplementations } from "../../providers";
import { CliError } from "../errors";
import { cast } from "./cast";

/*
 * Deploys the tutorial with both of its wirings, and the voice IVR on the same number, with
 * studiokit's provider implementations, making
 * the calls `pulumi up` makes for a new stack (check, then create) without the Pulumi engine.
 * Loaded only by `studiokit demo`: it pulls in @pulumi/pulumi, which other commands should not pay for.
 */

export interface Deployment {
  readonly flow: { readonly sid: string; readonly revision: number; readonly status: string };
  readonly addressConfiguration: { readonly sid: string };
  readonly conversation: { readonly sid: string };
  readonly participant: { readonly sid: string };
  readonly webhook: { readonly sid: string };
  /** The voice IVR and the number whose voice webhook runs it. */
  readonly ivr: { readonly sid: string; readonly revision: number; readonly status: string };
  readonly phoneNumber: { readonly sid: string };
}

/** One resource: `check` (inputs validated and normalised, as in preview), then `create`. */
async function up<I, O>(
  label: string,
  provider: pulumi.dynamic.ResourceProvider<I, O>,
  news: object,
): Promise<O> {
  // Pulumi hands `check` the raw declared inputs; the provider returns the inputs it will use.
  const checked = provider.check ? await provider.check({} as I, news as I) : undefined;
  const failures = checked?.failures ?? [];
  if (failures.length > 0)
    throw new CliError(`${label}: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
  let created: pulumi.dynamic.CreateResult<O>;
  try {
    created = await provider.create((checked?.inputs ?? news) as I);
  } catch (error) {
    throw new CliError(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (created.outs === undefined) throw new CliError(`${label}: the provider returned no outputs`);
  return created.outs;
}

export async function deployTutorial(url: string): Promise<Deployment> {
  const connectionConfig = { accountSid: cast.accountSid, authToken: cast.authToken, apiBaseUrl: url };
  // What `configure` would set from stack config: the emulator's URL and the demo's credentials.
  const connect = <T extends { connectionConfig: unknown }>(provider: T): T => ({
    ...provider,
    connectionConfig,
  });
  const p = providerImplementations;
  const publish = (label: string, friendlyName: string, builder: Flow) =>
    up(label, connect(p.studioFlow), {
      friendlyName,
      definition: compile(builder),
      status: "published",
      commitMessage: "studiokit demo",
    });
  const flow = await publish("Studio flow", cast.flowName, tutorial);
  const addressConfiguration = await up("address configuration", connect(p.addressConfiguration), {
    type: "sms",
    address: cast.number,
    friendlyName: `${cast.flowName} (sms)`,
    autoCreation: { enabled: true, type: "studio", studioFlowSid: flow.sid },
  });
  const conversation = await up("conversation", connect(p.conversation), {
    friendlyName: cast.conversationName,
  });
  const participant = await up("participant", connect(p.participant), {
    conversationSid: conversation.sid,
    messagingBindingAddress: cast.manual,
    messagingBindingProxyAddress: cast.number,
  });
  const webhook = await up("conversation webhook", connect(p.conversationWebhook), {
    conversationSid: conversation.sid,
    target: "studio",
    flowSid: flow.sid,
  });
  const menu = await publish("voice IVR", cast.ivrName, ivr);
  const phoneNumber = await up("phone number", connect(p.phoneNumber), {
    phoneNumber: cast.number,
    voiceUrl: menu.webhookUrl,
  });
  return {
    flow: { sid: flow.sid, revision: flow.revision, status: flow.status },
    ivr: { sid: menu.sid, revision: menu.revision, status: menu.status },
    phoneNumber: { sid: phoneNumber.sid },
    addressConfiguration: { sid: addressConfiguration.sid },
    conversation: { sid: conversation.sid },
    participant: { sid: participant.sid },
    webhook: { sid: webhook.sid },
  };
}
