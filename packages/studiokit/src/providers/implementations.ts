import { addressConfigurationProvider } from "./address-configuration";
import { conversationProvider } from "./conversation";
import { conversationWebhookProvider } from "./conversation-webhook";
import { participantProvider } from "./participant";
import { phoneNumberProvider } from "./phone-number";
import { studioFlowProvider } from "./studio-flow-provider";

/**
 * Every provider implementation by name: what the serialized stubs (runtime/stub.ts) load in the
 * plugin process. A name here is part of every resource's stored provider text: never rename one.
 */
export const providerImplementations = {
  studioFlow: studioFlowProvider,
  addressConfiguration: addressConfigurationProvider,
  conversation: conversationProvider,
  participant: participantProvider,
  conversationWebhook: conversationWebhookProvider,
  phoneNumber: phoneNumberProvider,
};

export type ProviderName = keyof typeof providerImplementations;
