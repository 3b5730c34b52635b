import { type z } from "zod";
import * as integrations from "./integrations";
import * as logic from "./logic";
import * as messaging from "./messaging";
import * as voice from "./voice";
import { type WidgetType } from "../types";

export { defineWidget, type WidgetSpec, type Channel } from "./spec";
export { setVariablesItemSchema } from "./logic";

/**
 * Every widget type studiokit knows, keyed by Studio's type string. Other rooms key their own
 * registries by `WidgetType` with `satisfies Record<WidgetType, …>`, so a new type here does not
 * compile until every room handles it.
 */
export const widgetSpecs = {
  trigger: logic.trigger,
  "split-based-on": logic.splitBasedOn,
  "set-variables": logic.setVariables,
  "make-http-request": logic.makeHttpRequest,
  "run-function": logic.runFunction,
  "run-function-v2": logic.runFunctionV2,
  "run-subflow": logic.runSubflow,
  "send-message": messaging.sendMessage,
  "send-and-wait-for-reply": messaging.sendAndWaitForReply,
  "send-to-auto-pilot": messaging.sendToAutoPilot,
  "start-conversation": messaging.startConversation,
  "resume-conversation": messaging.resumeConversation,
  "create-chat-channel": messaging.createChatChannel,
  "add-member-to-chat-channel": messaging.addMemberToChatChannel,
  "say-play": voice.sayPlay,
  "gather-input-on-call": voice.gatherInputOnCall,
  "connect-call-to": voice.connectCallTo,
  "record-voicemail": voice.recordVoicemail,
  "record-call": voice.recordCall,
  "enqueue-call": voice.enqueueCall,
  "make-outgoing-call-v1": voice.makeOutgoingCallV1,
  "make-outgoing-call-v2": voice.makeOutgoingCallV2,
  "add-twiml-redirect": voice.addTwimlRedirect,
  "capture-payments": voice.capturePayments,
  "fork-stream": voice.forkStream,
  "run-conversation-relay": voice.runConversationRelay,
  "send-to-flex": integrations.sendToFlex,
  "create-task": integrations.createTask,
  "update-sync-object": integrations.updateSyncObject,
  understand: integrations.understand,
  "connect-virtual-agent": integrations.connectVirtualAgent,
  "connect-virtual-agent-v2": integrations.connectVirtualAgentV2,
} as const;

export type WidgetSpecs = typeof widgetSpecs;
export const widgetTypes = Object.keys(widgetSpecs) as WidgetType[];

export function isWidgetType(type: string): type is WidgetType {
  return Object.prototype.hasOwnProperty.call(widgetSpecs, type);
}

/** The `properties` object of a widget type, as Studio writes it. */
export type WidgetProperties<T extends WidgetType> = z.infer<WidgetSpecs[T]["properties"]>;
/** The input form: what an author must give (optional keys may be left out). */
export type WidgetPropertiesInput<T extends WidgetType> = z.input<WidgetSpecs[T]["properties"]>;
