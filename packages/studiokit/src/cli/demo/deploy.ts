import tutorial from "./tutorial";
import { compile } from "../../compiler";
import { LocalDeployError, LocalStack } from "../../providers";
import { CliError } from "../errors";
import { cast } from "./cast";

/*
 * Deploys the tutorial and both of its wirings with studiokit's provider implementations, making
 * the calls `pulumi up` makes for a new stack (check, then create) without the Pulumi engine
 * (LocalStack in the providers room).
 * Loaded only by `studiokit demo`: it pulls in @pulumi/pulumi, which other commands should not pay for.
 */

export interface Deployment {
  readonly flow: { readonly sid: string; readonly revision: number; readonly status: string };
  readonly addressConfiguration: { readonly sid: string };
  readonly conversation: { readonly sid: string };
  readonly participant: { readonly sid: string };
  readonly webhook: { readonly sid: string };
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
      return (await stack.up(name, provider, inputs)).outputs as {
        sid: string;
        revision?: number;
        status?: string;
      };
    } catch (error) {
      if (error instanceof LocalDeployError) throw new CliError(error.message);
      throw error;
    }
  };
  const flow = await up("Studio flow", "studioFlow", {
    friendlyName: cast.flowName,
    definition: compile(tutorial),
    status: "published",
    commitMessage: "studiokit demo",
  });
  const addressConfiguration = await up("address configuration", "addressConfiguration", {
    type: "sms",
    address: cast.number,
    friendlyName: `${cast.flowName} (sms)`,
    autoCreation: { enabled: true, type: "studio", studioFlowSid: flow.sid },
  });
  const conversation = await up("conversation", "conversation", {
    friendlyName: cast.conversationName,
  });
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
  return {
    flow: { sid: flow.sid, revision: Number(flow.revision), status: String(flow.status) },
    addressConfiguration: { sid: addressConfiguration.sid },
    conversation: { sid: conversation.sid },
    participant: { sid: participant.sid },
    webhook: { sid: webhook.sid },
  };
}
