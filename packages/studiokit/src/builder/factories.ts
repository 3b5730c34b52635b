import { type WidgetType } from "../definition/types";
import { type WidgetLike } from "./node";
import { type WidgetProps } from "./props";
import { splitBasedOn } from "./split";
import { createWidget, factory, type PropsArgument, type Widget } from "./widget";

/**
 * One factory per Studio widget type, named in camelCase after it: `factory(name, props)`.
 * `name` is the widget's Studio name (what `next` and `{{widgets.NAME}}` use); props are the
 * widget's Studio properties in camelCase. Split Based On lives in split.ts.
 */

/** A factory whose `parsed` output can be typed: `runFunction<{ order: { id: string } }>("fn", …)`. */
function parsedFactory<T extends Exclude<WidgetType, "trigger">>(type: T) {
  return <Parsed = unknown>(name: string, ...props: PropsArgument<WidgetProps<T>>): Widget<T, Parsed> =>
    createWidget(type, name, props[0]) as Widget<T, Parsed>;
}

// Messaging
/** Send Message: `sent`, `failed`. Writes `outbound.*`. */
export const sendMessage = factory("send-message");
/** Send & Wait For Reply: `incomingMessage`, `timeout`, `deliveryFailure`. Writes `inbound.*`, `outbound.*`. */
export const sendAndWaitForReply = factory("send-and-wait-for-reply");
/** Send to Autopilot (retired): `sessionEnded`, `failure`, `timeout`. */
export const sendToAutoPilot = factory("send-to-auto-pilot");
/** Start Conversation (REST-triggered flows): `created`, `failed`. */
export const startConversation = factory("start-conversation");
/** Resume Conversation (REST-triggered flows): `resumed`, `failed`. */
export const resumeConversation = factory("resume-conversation");
/** Create Chat Channel (Programmable Chat, retired): `success`, `failed`. */
export const createChatChannel = factory("create-chat-channel");
/** Add Member to Chat Channel (Programmable Chat, retired): `success`, `failed`. */
export const addMemberToChatChannel = factory("add-member-to-chat-channel");

// Logic and integrations
/** Set Variables: `next`. Writes `flow.variables.<key>`. */
export const setVariables = factory("set-variables");
/** Make HTTP Request: `success`, `failed`. Writes `body`, `status_code`, `parsed` (type it with a type argument). */
export const makeHttpRequest = parsedFactory("make-http-request");
/** Run Function: `success`, `fail`. Writes `body`, `status_code`, `parsed` (type it with a type argument). */
export const runFunction = parsedFactory("run-function");
/** Run Function (v2): `success`, `fail`. */
export const runFunctionV2 = parsedFactory("run-function-v2");
/** Run Subflow: `completed`, `failed`. Writes the subflow's `flow.variables` under `widgets.NAME`. */
export const runSubflow = factory("run-subflow");
/** Send To Flex: `callComplete`, `failedToEnqueue`, `callFailure`. */
export const sendToFlex = factory("send-to-flex");
/** Create Task: `success`, `failed`. */
export const createTask = factory("create-task");
/** Update Sync Object: `success`, `failed`. */
export const updateSyncObject = factory("update-sync-object");
/** Understand (retired): `success`, `failed`. */
export const understand = factory("understand");
/** Connect Virtual Agent (Dialogflow ES, retired): `return`, `hangup`. */
export const connectVirtualAgent = factory("connect-virtual-agent");
/** Connect Virtual Agent (Dialogflow CX). */
export const connectVirtualAgentV2 = factory("connect-virtual-agent-v2");

// Voice
/** Say/Play: `audioComplete`. */
export const sayPlay = factory("say-play");
/** Gather Input On Call: `keypress`, `speech`, `timeout`. Writes `Digits`, `SpeechResult`. */
export const gatherInputOnCall = factory("gather-input-on-call");
/** Connect Call To: `callCompleted`, `hangup`. */
export const connectCallTo = factory("connect-call-to");
/** Record Voicemail: `recordingComplete`, `noAudio`, `hangup`. */
export const recordVoicemail = factory("record-voicemail");
/** Call Recording: `success`, `failed`. */
export const recordCall = factory("record-call");
/** Enqueue Call: `callComplete`, `failedToEnqueue`, `callFailure`. */
export const enqueueCall = factory("enqueue-call");
/** Make Outgoing Call (legacy v1). */
export const makeOutgoingCallV1 = factory("make-outgoing-call-v1");
/** Make Outgoing Call: `answered`, `busy`, `noAnswer`, `failed`. */
export const makeOutgoingCallV2 = factory("make-outgoing-call-v2");
/** TwiML Redirect: `return`, `timeout`, `fail`. */
export const addTwimlRedirect = factory("add-twiml-redirect");
/** Capture Payments. */
export const capturePayments = factory("capture-payments");
/** Fork Stream: `next`. */
export const forkStream = factory("fork-stream");
/** ConversationRelay: `success`, `failed` (UNCONFIRMED event names). */
export const runConversationRelay = factory("run-conversation-relay");

/**
 * Every factory, keyed by Studio's widget type (split-based-on included, trigger excepted: `flow()`
 * makes it). A new widget type in the definition room does not compile until it has a factory.
 */
export const widgetFactories = {
  "send-message": sendMessage,
  "send-and-wait-for-reply": sendAndWaitForReply,
  "send-to-auto-pilot": sendToAutoPilot,
  "start-conversation": startConversation,
  "resume-conversation": resumeConversation,
  "create-chat-channel": createChatChannel,
  "add-member-to-chat-channel": addMemberToChatChannel,
  "split-based-on": splitBasedOn,
  "set-variables": setVariables,
  "make-http-request": makeHttpRequest,
  "run-function": runFunction,
  "run-function-v2": runFunctionV2,
  "run-subflow": runSubflow,
  "send-to-flex": sendToFlex,
  "create-task": createTask,
  "update-sync-object": updateSyncObject,
  understand,
  "connect-virtual-agent": connectVirtualAgent,
  "connect-virtual-agent-v2": connectVirtualAgentV2,
  "say-play": sayPlay,
  "gather-input-on-call": gatherInputOnCall,
  "connect-call-to": connectCallTo,
  "record-voicemail": recordVoicemail,
  "record-call": recordCall,
  "enqueue-call": enqueueCall,
  "make-outgoing-call-v1": makeOutgoingCallV1,
  "make-outgoing-call-v2": makeOutgoingCallV2,
  "add-twiml-redirect": addTwimlRedirect,
  "capture-payments": capturePayments,
  "fork-stream": forkStream,
  "run-conversation-relay": runConversationRelay,
} as const satisfies Record<Exclude<WidgetType, "trigger">, (name: string, props: never) => WidgetLike>;
