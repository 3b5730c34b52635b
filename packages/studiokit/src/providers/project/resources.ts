import {
  type FlowAddressConfig,
  type FlowConversationConfig,
  type FlowNumberConfig,
  type ProjectFlow,
} from "../../project";
import { type FlowAddressArgs } from "../conversation-flow";

/*
 * What a project flow declares, as plain values: resource names and inputs. `deployProject`
 * declares them as Pulumi resources; the local stack (`studiokit dev`, `demo`) applies them to the
 * provider implementations directly. One home for both, so they deploy the same thing.
 */

/** A WhatsApp address is the number with Twilio's `whatsapp:` channel prefix. */
export const channelAddress = (type: string, address: string) =>
  type === "whatsapp" && !address.startsWith("whatsapp:") ? `whatsapp:${address}` : address;

/** A resource-name key for an address that does not change when the list is reordered. */
export const addressKey = (type: string, address: string) =>
  `${type}-${address.replace(/^whatsapp:/, "").replace(/[^A-Za-z0-9]+/g, "") || "address"}`;

const friendlyNameOf = (flow: ProjectFlow) => flow.config.friendlyName ?? flow.name;

/** The Studio flow's inputs (the definition already compiled). */
export function flowInputs(flow: ProjectFlow) {
  const { config } = flow;
  return {
    friendlyName: friendlyNameOf(flow),
    definition: flow.definition,
    status: config.status,
    validateWithTwilio: config.validateWithTwilio,
    strict: config.strict,
    ...(config.commitMessage !== undefined ? { commitMessage: config.commitMessage } : {}),
    ...(config.testUsers !== undefined ? { testUsers: config.testUsers } : {}),
    ...(config.adoptSid !== undefined ? { adoptSid: config.adoptSid } : {}),
  };
}

/** Wiring 1: one address handing new conversations to the flow. */
export function addressArgs(flow: ProjectFlow, address: FlowAddressConfig): FlowAddressArgs {
  return {
    type: address.type,
    address: channelAddress(address.type, address.address),
    friendlyName: address.friendlyName ?? `${friendlyNameOf(flow)} (${address.type})`,
    ...(address.studioRetryCount !== undefined ? { studioRetryCount: address.studioRetryCount } : {}),
    ...(address.conversationServiceSid !== undefined
      ? { conversationServiceSid: address.conversationServiceSid }
      : {}),
  };
}

/** Wiring 2: a conversation with the contact, the contact as participant, a studio webhook to the flow. */
export function conversationWiring(flow: ProjectFlow, conversation: FlowConversationConfig) {
  const key = addressKey(conversation.type, conversation.contact);
  const prefix = `${flow.name}-${key}`;
  return {
    key,
    names: {
      conversation: `${prefix}-conversation`,
      participant: `${prefix}-contact`,
      webhook: `${prefix}-studio-webhook`,
    },
    conversation: {
      friendlyName: conversation.friendlyName ?? `${friendlyNameOf(flow)} with ${conversation.contact}`,
    },
    participant: <S>(conversationSid: S) => ({
      conversationSid,
      messagingBindingAddress: channelAddress(conversation.type, conversation.contact),
      messagingBindingProxyAddress: channelAddress(conversation.type, conversation.twilioNumber),
    }),
    webhook: <S, F>(conversationSid: S, flowSid: F) => ({
      conversationSid,
      target: "studio" as const,
      flowSid,
    }),
  };
}

/** A key for a number that does not change when the list is reordered: its digits, or its SID. */
const numberKey = (n: FlowNumberConfig) => n.number?.replace(/\D/g, "") ?? n.sid ?? "number";

/** A number whose SMS and/or voice webhook runs the flow: its resource name and inputs. */
export function numberWiring(flow: ProjectFlow, n: FlowNumberConfig) {
  const key = numberKey(n);
  return {
    key,
    name: `${flow.name}-number-${key}`,
    inputs: <U>(webhookUrl: U) => ({
      ...(n.number !== undefined ? { phoneNumber: n.number } : { phoneNumberSid: n.sid }),
      ...(n.sms ? { smsUrl: webhookUrl } : {}),
      ...(n.voice ? { voiceUrl: webhookUrl } : {}),
    }),
  };
}
