import type * as pulumi from "@pulumi/pulumi";
import { Conversation } from "../conversation";
import { ConversationFlow, type FlowAddressArgs } from "../conversation-flow";
import { ConversationWebhook } from "../conversation-webhook";
import { Participant } from "../participant";
import {
  projectFlows,
  type FlowAddressConfig,
  type FlowConversationConfig,
  type ProjectConfig,
  type ProjectFlow,
} from "../../project";
import { asRunError } from "./stack-config";

/** What one deployed flow exports: its SID and revision, the webhook URL and its wiring's SIDs. */
export interface DeployedFlow {
  readonly flowSid: pulumi.Output<string>;
  readonly flowRevision: pulumi.Output<number>;
  /** Point a number's incoming webhook here to run the flow without Conversations. */
  readonly flowWebhookUrl: pulumi.Output<string>;
  /** Keyed like the resources: `<type>-<address digits>`, e.g. `sms-15005550006`. */
  readonly addressConfigurationSids?: pulumi.Output<Record<string, string>>;
  readonly conversations?: Readonly<Record<string, DeployedConversation>>;
}

export interface DeployedConversation {
  readonly conversationSid: pulumi.Output<string>;
  readonly participantSid: pulumi.Output<string>;
  readonly webhookSid: pulumi.Output<string>;
}

export interface DeployProjectOptions {
  /** Where flow files are found (default: the working directory, where Pulumi runs the program). */
  readonly projectDir?: string;
}

/** A WhatsApp address is the number with Twilio's `whatsapp:` channel prefix. */
const channelAddress = (type: string, address: string) =>
  type === "whatsapp" && !address.startsWith("whatsapp:") ? `whatsapp:${address}` : address;

/** A resource-name key for an address that does not change when the list is reordered. */
const addressKey = (type: string, address: string) =>
  `${type}-${address.replace(/^whatsapp:/, "").replace(/[^A-Za-z0-9]+/g, "") || "address"}`;

function addressArgs(flow: ProjectFlow, address: FlowAddressConfig): FlowAddressArgs {
  return {
    type: address.type,
    address: channelAddress(address.type, address.address),
    friendlyName: address.friendlyName ?? `${flow.config.friendlyName ?? flow.name} (${address.type})`,
    ...(address.studioRetryCount !== undefined ? { studioRetryCount: address.studioRetryCount } : {}),
    ...(address.conversationServiceSid !== undefined
      ? { conversationServiceSid: address.conversationServiceSid }
      : {}),
  };
}

/** Wiring 2: a conversation with the contact, the Twilio number as proxy, a studio webhook to the flow. */
function conversationWiring(
  flow: ProjectFlow,
  wiring: ConversationFlow,
  conversation: FlowConversationConfig,
): [string, DeployedConversation] {
  const key = addressKey(conversation.type, conversation.contact);
  const prefix = `${flow.name}-${key}`;
  const opts = { parent: wiring };
  const created = new Conversation(
    `${prefix}-conversation`,
    {
      friendlyName:
        conversation.friendlyName ?? `${flow.config.friendlyName ?? flow.name} with ${conversation.contact}`,
    },
    opts,
  );
  const participant = new Participant(
    `${prefix}-contact`,
    {
      conversationSid: created.sid,
      messagingBindingAddress: channelAddress(conversation.type, conversation.contact),
      messagingBindingProxyAddress: channelAddress(conversation.type, conversation.twilioNumber),
    },
    opts,
  );
  const webhook = new ConversationWebhook(
    `${prefix}-studio-webhook`,
    { conversationSid: created.sid, target: "studio", flowSid: wiring.flowSid },
    opts,
  );
  return [key, { conversationSid: created.sid, participantSid: participant.sid, webhookSid: webhook.sid }];
}

function deployFlow(flow: ProjectFlow): DeployedFlow {
  const { config } = flow;
  const wiring = new ConversationFlow(flow.name, {
    friendlyName: config.friendlyName ?? flow.name,
    definition: flow.definition,
    status: config.status,
    validateWithTwilio: config.validateWithTwilio,
    strict: config.strict,
    ...(config.commitMessage !== undefined ? { commitMessage: config.commitMessage } : {}),
    ...(config.testUsers !== undefined ? { testUsers: config.testUsers } : {}),
    ...(config.adoptSid !== undefined ? { adoptSid: config.adoptSid } : {}),
    addresses: Object.fromEntries(
      config.addresses.map((a) => [addressKey(a.type, a.address), addressArgs(flow, a)]),
    ),
  });
  const conversations = Object.fromEntries(
    config.conversations.map((c) => conversationWiring(flow, wiring, c)),
  );
  return {
    flowSid: wiring.flowSid,
    flowRevision: wiring.flow.revision,
    flowWebhookUrl: wiring.webhookUrl,
    // Only the wirings a flow has are keys: an undefined stack output prints a warning on every run.
    ...(config.addresses.length > 0 ? { addressConfigurationSids: wiring.addressSids } : {}),
    ...(config.conversations.length > 0 ? { conversations } : {}),
  };
}

/**
 * The whole project in one stack: every flow the stack config lists (or every file in `flows/`),
 * each with its wiring. The program's module value is the stack's outputs, keyed by flow name:
 *
 * ```ts
 * // infra/index.ts
 * import { deployProject, readProjectConfig } from "studiokit/pulumi";
 * export = deployProject(readProjectConfig());
 * ```
 */
export function deployProject(
  config: ProjectConfig,
  options: DeployProjectOptions = {},
): Record<string, DeployedFlow> {
  let flows: ProjectFlow[];
  try {
    flows = projectFlows(config, options.projectDir ?? process.cwd());
  } catch (error) {
    throw asRunError(error);
  }
  return Object.fromEntries(flows.map((flow) => [flow.name, deployFlow(flow)]));
}
