/**
 * The providers room: studiokit's Pulumi resources, each a dynamic provider over the official
 * `twilio` library (Studio v2, Conversations v1, the numbers of API 2010), the component for a
 * flow with its Conversations wiring, and `deployProject`, which deploys every flow a stack lists.
 */
export { StudioFlow, type StudioFlowArgs } from "./studio-flow";
export { type StudioFlowInputs, type StudioFlowOutputs } from "./studio-flow-provider";
export { definitionInput, flowWith, type FlowSource } from "./definition-input";
export {
  changedWidgets,
  flowHeaderChanged,
  joinDefinition,
  splitDefinition,
  type FlowHeader,
  type SplitDefinition,
  type Widget,
  type Widgets,
} from "./flow-shape";
export {
  AddressConfiguration,
  type AddressConfigurationArgs,
  type AddressConfigurationInputs,
  type AddressConfigurationOutputs,
} from "./address-configuration";
export {
  Conversation,
  type ConversationArgs,
  type ConversationInputs,
  type ConversationOutputs,
} from "./conversation";
export {
  Participant,
  type ParticipantArgs,
  type ParticipantInputs,
  type ParticipantOutputs,
} from "./participant";
export {
  ConversationWebhook,
  type ConversationWebhookArgs,
  type ConversationWebhookInputs,
  type ConversationWebhookOutputs,
} from "./conversation-webhook";
export {
  PhoneNumber,
  type PhoneNumberArgs,
  type PhoneNumberInputs,
  type PhoneNumberOutputs,
  type Webhooks,
} from "./phone-number";
export { ConversationFlow, type ConversationFlowArgs, type FlowAddressArgs } from "./conversation-flow";
export { type DeepInput, type DeepInputs } from "./inputs";

// The connection every provider makes, for the command line (studiokit pull talks to the same
// Twilio with the same credentials, retries and base URL).
export {
  readConnectionConfig,
  resolveConnection,
  type ConnectionConfig,
  type Connection,
} from "./runtime/settings";
export { twilioClient, type TwilioClient } from "./runtime/client";
export { toCallError, type CallError } from "./runtime/errors";

// The implementations and their serialized stubs, for tests and for programs that build their own
// dynamic resources over studiokit's providers.
export { providerImplementations, type ProviderName } from "./implementations";
export { providerStub, providerEntryPoint } from "./runtime/stub";

// A whole project from its stack config: every flow and its wiring (docs/deploy.md).
export * from "./project/index";
export * from "../project";
// A program run as `pulumi preview` runs it, with a mock engine: for a project's own tests.
export * from "./preview/index";
// The calls `pulumi up` makes, made directly: how `studiokit dev` and `demo` deploy locally.
export * from "./local/index";
