import ivr from "./ivr";
import tutorial from "./tutorial";
import { compile, type Flow } from "../../compiler";
import { LocalDeployError, LocalStack } from "../../providers";
import { CliError } from "../errors";
import { cast } from "./cast";

/*
 * Deploys the tutorial with both of its wirings, and the voice IVR on the same number, with
 * studiokit's provider implementations, making the calls `pulumi up` makes for a new stack
 * (check, then create) without the Pulumi engine (LocalStack in the providers room).
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

interface Deployed {
  readonly sid: string;
  readonly revision?: number;
  readonly status?: string;
  readonly webhookUrl?: string;
}

export async function deployTutorial(url: string): Promise<Deployment> {
  // What `configure` would set from stack config: the emulator's URL and the demo's credentials.
  const stack = new LocalStack({ accountSid: cast.accountSid, authToken: cast.authToken, apiBaseUrl: url });
  const up = async (
    name: string,
    provider: Parameters<LocalStack["up"]>[1],
    inputs: Record<string, unknown>,
  ) => {
    try {
      return (await stack.up(name, provider, inputs)).outputs as unknown as Deployed;
    } catch (error) {
      if (error instanceof LocalDeployError) throw new CliError(error.message);
      throw error;
    }
  };
  const publish = (label: string, friendlyName: string, builder: Flow) =>
    up(label, "studioFlow", {
      friendlyName,
      definition: compile(builder),
      status: "published",
      commitMessage: "studiokit demo",
    });
  const flow = await publish("Studio flow", cast.flowName, tutorial);
  const addressConfiguration = await up("address configuration", "addressConfiguration", {
    type: "sms",
    address: cast.number,
    friendlyName: `${cast.flowName} (sms)`,
    autoCreation: { enabled: true, type: "studio", studioFlowSid: flow.sid },
  });
  const conversation = await up("conversation", "conversation", { friendlyName: cast.conversationName });
  const participant = await up("participant", "participant", {
    conversationSid: conversation.sid,
    messagingBindingAddress: cast.manual,
    messagingBindingProxyAddress: cast.number,
  });
  const webhook = await up("conversation webhook", "conversationWebhook", {
    conversationSid: conversation.sid,
    target: "studio",
    flowSid: flow.sid,
  });
  const menu = await publish("voice IVR", cast.ivrName, ivr);
  const phoneNumber = await up("phone number", "phoneNumber", {
    phoneNumber: cast.number,
    voiceUrl: menu.webhookUrl,
  });
  const described = (d: Deployed) => ({ sid: d.sid, revision: Number(d.revision), status: String(d.status) });
  return {
    flow: described(flow),
    ivr: described(menu),
    phoneNumber: { sid: phoneNumber.sid },
    addressConfiguration: { sid: addressConfiguration.sid },
    conversation: { sid: conversation.sid },
    participant: { sid: participant.sid },
    webhook: { sid: webhook.sid },
  };
}
