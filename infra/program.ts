import type * as pulumi from "@pulumi/pulumi";
import { Conversation, ConversationFlow, ConversationWebhook, Participant } from "../src/providers";
import { type StackConfig } from "./config";
// The tutorial flow in the builder; StudioFlow compiles it when the resource is declared.
import tutorialFlow from "../flows/do-you-like-bots";

export interface TutorialOutputs {
  readonly flowSid: pulumi.Output<string>;
  readonly flowRevision: pulumi.Output<number>;
  /** Point a number's incoming-message webhook here to run the flow without Conversations. */
  readonly flowWebhookUrl: pulumi.Output<string>;
  readonly addressConfigurationSid?: pulumi.Output<string>;
  readonly conversationSid?: pulumi.Output<string>;
  readonly participantSid?: pulumi.Output<string>;
  readonly conversationWebhookSid?: pulumi.Output<string>;
}

/**
 * The tutorial in one stack: the flow, wiring 1 (an address configuration on the Twilio number
 * handing new conversations to the flow) and, when switched on, wiring 2 (one conversation with
 * the contact, the Twilio number as proxy, and a studio webhook to the flow).
 */
export function deployTutorial(config: StackConfig, name = "do-you-like-bots"): TutorialOutputs {
  // A WhatsApp address is the number with Twilio's `whatsapp:` channel prefix.
  const binding = (number: string) => (config.addressType === "whatsapp" ? `whatsapp:${number}` : number);
  const address = binding(config.twilioNumber);
  const tutorial = new ConversationFlow(name, {
    friendlyName: config.flowName,
    definition: tutorialFlow,
    status: config.flowStatus,
    validateWithTwilio: config.validateWithTwilio,
    ...(config.commitMessage !== undefined ? { commitMessage: config.commitMessage } : {}),
    ...(config.testUsers !== undefined ? { testUsers: config.testUsers } : {}),
    addresses: config.autoWiring
      ? {
          number: {
            type: config.addressType,
            address,
            friendlyName: `${config.flowName} (${config.addressType})`,
            ...(config.studioRetryCount !== undefined ? { studioRetryCount: config.studioRetryCount } : {}),
            ...(config.conversationServiceSid !== undefined
              ? { conversationServiceSid: config.conversationServiceSid }
              : {}),
          },
        }
      : {},
  });
  const outputs: TutorialOutputs = {
    flowSid: tutorial.flowSid,
    flowRevision: tutorial.flow.revision,
    flowWebhookUrl: tutorial.webhookUrl,
    ...(tutorial.addresses["number"] !== undefined
      ? { addressConfigurationSid: tutorial.addresses["number"].sid }
      : {}),
  };
  if (!config.manualWiring || config.contactNumber === undefined) return outputs;

  const conversation = new Conversation(`${name}-conversation`, { friendlyName: config.conversationName });
  const participant = new Participant(`${name}-contact`, {
    conversationSid: conversation.sid,
    messagingBindingAddress: binding(config.contactNumber),
    messagingBindingProxyAddress: address,
  });
  const webhook = new ConversationWebhook(`${name}-studio-webhook`, {
    conversationSid: conversation.sid,
    target: "studio",
    flowSid: tutorial.flowSid,
  });
  return {
    ...outputs,
    conversationSid: conversation.sid,
    participantSid: participant.sid,
    conversationWebhookSid: webhook.sid,
  };
}
