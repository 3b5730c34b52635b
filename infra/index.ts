// The Pulumi program (Pulumi.yaml `main`): typed stack config → the tutorial flow and its
// Conversations wiring → stack outputs. See docs/deploy.md.
import { readStackConfig } from "./config";
import { deployTutorial } from "./program";

const outputs = deployTutorial(readStackConfig());

export const flowSid = outputs.flowSid;
export const flowRevision = outputs.flowRevision;
export const flowWebhookUrl = outputs.flowWebhookUrl;
export const addressConfigurationSid = outputs.addressConfigurationSid;
export const conversationSid = outputs.conversationSid;
export const participantSid = outputs.participantSid;
export const conversationWebhookSid = outputs.conversationWebhookSid;
