import * as pulumi from "@pulumi/pulumi";
import { Conversation } from "../conversation";
import { ConversationFlow } from "../conversation-flow";
import { ConversationWebhook } from "../conversation-webhook";
import { Participant } from "../participant";
import { PhoneNumber } from "../phone-number";
import {
  projectFlows,
  type FlowConversationConfig,
  type FlowNumberConfig,
  type ProjectConfig,
  type ProjectFlow,
} from "../../project";
import { addressArgs, addressKey, conversationWiring, flowInputs, numberWiring } from "./resources";
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
  /** The numbers whose webhooks go to the flow, keyed by the number's digits (or its SID). */
  readonly phoneNumberSids?: pulumi.Output<Record<string, string>>;
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

/** Wiring 2 as Pulumi resources, children of the flow's component. */
function conversationResources(
  flow: ProjectFlow,
  wiring: ConversationFlow,
  conversation: FlowConversationConfig,
): [string, DeployedConversation] {
  const planned = conversationWiring(flow, conversation);
  const opts = { parent: wiring };
  const created = new Conversation(planned.names.conversation, planned.conversation, opts);
  const participant = new Participant(planned.names.participant, planned.participant(created.sid), opts);
  const webhook = new ConversationWebhook(
    planned.names.webhook,
    planned.webhook(created.sid, wiring.flowSid),
    opts,
  );
  return [
    planned.key,
    { conversationSid: created.sid, participantSid: participant.sid, webhookSid: webhook.sid },
  ];
}

/** The number's SMS and/or voice webhook pointed at the flow's webhook URL. */
function numberResource(
  flow: ProjectFlow,
  wiring: ConversationFlow,
  n: FlowNumberConfig,
): [string, pulumi.Output<string>] {
  const planned = numberWiring(flow, n);
  const phone = new PhoneNumber(planned.name, planned.inputs(wiring.webhookUrl), { parent: wiring });
  return [planned.key, phone.sid];
}

function deployFlow(flow: ProjectFlow): DeployedFlow {
  const { config } = flow;
  const wiring = new ConversationFlow(flow.name, {
    ...flowInputs(flow),
    addresses: Object.fromEntries(
      config.addresses.map((a) => [addressKey(a.type, a.address), addressArgs(flow, a)]),
    ),
  });
  const conversations = Object.fromEntries(
    config.conversations.map((c) => conversationResources(flow, wiring, c)),
  );
  const numbers = config.numbers.map((n) => numberResource(flow, wiring, n));
  return {
    flowSid: wiring.flowSid,
    flowRevision: wiring.flow.revision,
    flowWebhookUrl: wiring.webhookUrl,
    // Only the wirings a flow has are keys: an undefined stack output prints a warning on every run.
    ...(config.addresses.length > 0 ? { addressConfigurationSids: wiring.addressSids } : {}),
    ...(config.conversations.length > 0 ? { conversations } : {}),
    ...(numbers.length > 0 ? { phoneNumberSids: pulumi.all(Object.fromEntries(numbers)) } : {}),
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
