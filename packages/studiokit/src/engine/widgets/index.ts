import { type WidgetType } from "../../definition";
import { type WidgetHandler } from "./handler";
import { makeHttpRequest, runFunction } from "./http";
import * as integrations from "./integrations";
import { runSubflow, setVariables, splitBasedOn, trigger } from "./logic";
import { sendAndWaitForReply, sendMessage } from "./messaging";
import * as voice from "./voice";

export { type WidgetHandler, type WidgetRun, type Outcome, type WidgetInput } from "./handler";
export { typedValue } from "./logic";

/**
 * How the engine runs each widget type, keyed by Studio's type string: a new type in the
 * definition room does not compile until it is handled here.
 */
export const widgetHandlers = {
  trigger,
  "split-based-on": splitBasedOn,
  "set-variables": setVariables,
  "make-http-request": makeHttpRequest,
  "run-function": runFunction,
  "run-function-v2": runFunction,
  "run-subflow": runSubflow,
  "send-message": sendMessage,
  "send-and-wait-for-reply": sendAndWaitForReply,
  "send-to-auto-pilot": integrations.sendToAutoPilot,
  "start-conversation": integrations.startConversation,
  "resume-conversation": integrations.resumeConversation,
  "create-chat-channel": integrations.createChatChannel,
  "add-member-to-chat-channel": integrations.addMemberToChatChannel,
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
} satisfies Record<WidgetType, WidgetHandler>;

const handlers: ReadonlyMap<string, WidgetHandler> = new Map(Object.entries(widgetHandlers));

export function handlerFor(type: string): WidgetHandler | undefined {
  return handlers.get(type);
}
