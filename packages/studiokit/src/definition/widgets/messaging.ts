import { z } from "zod";
import { keyValueSchema, liquidString, numericString } from "../common";
import { defineWidget } from "./spec";

/** Properties shared by Send Message and Send & Wait For Reply. */
const messageProperties = {
  /** Sender: a phone number, WhatsApp address or Messaging Service SID. */
  from: liquidString(),
  body: liquidString().optional(),
  media_url: liquidString().optional(),
  /** Chat/Conversations service. */
  service: liquidString().optional(),
  /** Chat channel. */
  channel: liquidString().optional(),
  /** JSON text attached to the message (Conversations/Chat). */
  attributes: liquidString().optional(),
  message_type: z.enum(["custom", "content_template"]).optional(),
  /** Content template SID (HX…), with `message_type: "content_template"`. */
  content_sid: liquidString().optional(),
  content_variables: z.array(keyValueSchema).optional(),
  shorten_urls: z.boolean().optional(),
};

const outbound = {
  Body: "value",
  From: "value",
  To: "value",
  Sid: "value",
  Status: "value",
  Direction: "value",
  NumMedia: "value",
  NumSegments: "value",
  ErrorCode: "value",
  ErrorMessage: "value",
  MessagingServiceSid: "value",
  AccountSid: "value",
  ConversationSid: "value",
  Author: "value",
  Index: "value",
  ParticipantSid: "value",
} as const;

export const sendMessage = defineWidget({
  type: "send-message",
  label: "Send Message",
  channel: "messaging",
  properties: {
    ...messageProperties,
    /** Recipient. */
    to: liquidString().optional(),
  },
  events: ["sent", "failed"],
  outputs: { outbound },
});

export const sendAndWaitForReply = defineWidget({
  type: "send-and-wait-for-reply",
  label: "Send & Wait For Reply",
  channel: "messaging",
  properties: {
    ...messageProperties,
    /** Seconds to wait for a reply, as a string. */
    timeout: numericString(),
  },
  events: ["incomingMessage", "timeout", "deliveryFailure"],
  outputs: {
    outbound,
    inbound: {
      Body: "value",
      From: "value",
      To: "value",
      MessageSid: "value",
      NumMedia: "value",
      MediaUrl0: "value",
      AccountSid: "value",
      MessagingServiceSid: "value",
      ConversationSid: "value",
      ParticipantSid: "value",
      Author: "value",
    },
  },
});

export const sendToAutoPilot = defineWidget({
  type: "send-to-auto-pilot",
  label: "Send to Autopilot (retired)",
  channel: "messaging",
  properties: {
    autopilot_assistant_sid: z.string(),
    body: liquidString(),
    from: liquidString(),
    timeout: z.number().int(),
    chat_service: liquidString().optional(),
    chat_channel: liquidString().optional(),
    chat_attributes: liquidString().optional(),
    target_task: z.string().optional(),
    memory_parameters: z.array(keyValueSchema).optional(),
  },
  events: ["sessionEnded", "failure", "timeout"],
  outputs: {},
});

const conversationOutputs = {
  conversation: "open",
  webhook_sid: "value",
  close_channel_on_execution_end: "value",
} as const;

export const startConversation = defineWidget({
  type: "start-conversation",
  label: "Start Conversation",
  channel: "messaging",
  properties: {
    conversation_service_sid: liquidString(),
    participants: z.array(z.looseObject({})),
    friendly_name: liquidString().optional(),
    attributes: liquidString().optional(),
    messaging_service_sid: liquidString().optional(),
    timers: z.looseObject({}).optional(),
  },
  events: ["created", "failed"],
  outputs: conversationOutputs,
});

export const resumeConversation = defineWidget({
  type: "resume-conversation",
  label: "Resume Conversation",
  channel: "messaging",
  properties: {
    conversation_service_sid: liquidString(),
    conversation_sid: liquidString().optional(),
    webhook_filters: z.union([z.string(), z.array(z.string())]).optional(),
    attributes: liquidString().optional(),
  },
  events: ["resumed", "failed"],
  outputs: conversationOutputs,
});

export const createChatChannel = defineWidget({
  type: "create-chat-channel",
  label: "Create Chat Channel (Programmable Chat, retired)",
  channel: "messaging",
  properties: {
    service: liquidString().optional(),
    channel: liquidString().optional(),
    friendly_name: liquidString().optional(),
    unique_name: liquidString().optional(),
    attributes: liquidString().optional(),
  },
  events: ["success", "failed"],
  outputs: { ChannelSid: "value" },
});

export const addMemberToChatChannel = defineWidget({
  type: "add-member-to-chat-channel",
  label: "Add Member to Chat Channel (Programmable Chat, retired)",
  channel: "messaging",
  properties: {
    service: liquidString().optional(),
    channel: liquidString().optional(),
    identity: liquidString().optional(),
    attributes: liquidString().optional(),
  },
  events: ["success", "failed"],
  outputs: { MemberSid: "value" },
});
