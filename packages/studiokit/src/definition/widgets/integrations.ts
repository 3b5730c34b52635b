import { z } from "zod";
import { keyValueSchema, liquidString, numericString } from "../common";
import { defineWidget } from "./spec";

export const sendToFlex = defineWidget({
  type: "send-to-flex",
  label: "Send To Flex",
  channel: "any",
  properties: {
    /** TaskRouter workflow SID (WW…). */
    workflow: liquidString(),
    /** TaskRouter task channel SID (TC…). */
    channel: liquidString(),
    /** Task attributes: JSON text, at most 1,024 characters. */
    attributes: liquidString().optional(),
    priority: numericString().optional(),
    timeout: numericString().optional(),
    waitUrl: liquidString().optional(),
    waitUrlMethod: z.enum(["GET", "POST"]).optional(),
  },
  events: ["callComplete", "failedToEnqueue", "callFailure"],
  outputs: { Age: "value", Attributes: "value", TaskSid: "value", QueueResult: "value" },
});

/** UNCONFIRMED (no public source, docs/studio-behaviour.md §2): a TaskRouter task without Flex. */
export const createTask = defineWidget({
  type: "create-task",
  label: "Create Task",
  channel: "any",
  properties: {
    workflow: liquidString().optional(),
    channel: liquidString().optional(),
    attributes: liquidString().optional(),
    priority: numericString().optional(),
    timeout: numericString().optional(),
  },
  events: ["success", "failed"],
  outputs: { TaskSid: "value", Attributes: "value" },
});

/** UNCONFIRMED (no public source, docs/studio-behaviour.md §2): writes a Sync Document, List or Map item. */
export const updateSyncObject = defineWidget({
  type: "update-sync-object",
  label: "Update Sync Object",
  channel: "any",
  properties: {
    service_sid: liquidString().optional(),
    sync_object_type: z.string().optional(),
    sync_object_name: liquidString().optional(),
    sync_object_sid: liquidString().optional(),
    data: liquidString().optional(),
    ttl: z.union([z.string(), z.number()]).optional(),
  },
  events: ["success", "failed"],
  outputs: { data: "open" },
});

/**
 * UNCONFIRMED (no public source, docs/studio-behaviour.md §2): Autopilot natural-language
 * understanding, retired with Autopilot.
 */
export const understand = defineWidget({
  type: "understand",
  label: "Understand (retired)",
  channel: "any",
  properties: {
    assistant_sid: z.string().optional(),
    input: liquidString().optional(),
  },
  events: ["success", "failed"],
  outputs: { result: "open" },
});

export const connectVirtualAgent = defineWidget({
  type: "connect-virtual-agent",
  label: "Connect Virtual Agent (Dialogflow ES, retired)",
  channel: "voice",
  properties: {
    connector: z.string(),
    language: z.string().optional(),
    sentiment_analysis: z.string().optional(),
    status_callback: liquidString().optional(),
  },
  events: ["return", "hangup"],
  outputs: { VirtualAgentStatus: "value", VirtualAgentProviderData: "open" },
});

export const connectVirtualAgentV2 = defineWidget({
  type: "connect-virtual-agent-v2",
  label: "Connect Virtual Agent (Dialogflow CX)",
  channel: "any",
  properties: {
    connector_name: z.string().optional(),
    channel: z.enum(["voice", "conversations"]).optional(),
    session_behavior: z.string().optional(),
    resume_session_identification_method: z.string().optional(),
    resume_session_identification_value: liquidString().optional(),
    resume_session_event_name: z.string().optional(),
    status_callback: liquidString().optional(),
    status_callback_method: z.string().optional(),
    timeout: z.number().int().optional(),
    configurations: z.array(keyValueSchema).optional(),
    parameters: z.array(keyValueSchema).optional(),
    connector_details: z.looseObject({}).optional(),
  },
  // UNCONFIRMED (docs/studio-behaviour.md §2): JSON event names from Twilio's agent skill.
  events: ["completed", "live-agent-handoff", "hangup", "failed", "paused", "timeout"],
  outputs: {
    VirtualAgentProvider: "value",
    VirtualAgentStatus: "value",
    VirtualAgentProviderData: "open",
    VirtualAgentError: "value",
    VirtualAgentErrorCode: "value",
  },
});
