import { z } from "zod";
import { keyValueSchema, liquidString } from "../common";
import { defineWidget } from "./spec";

/** The Trigger widget: one event per way an execution can start. */
export const trigger = defineWidget({
  type: "trigger",
  label: "Trigger",
  channel: "any",
  properties: {},
  events: [
    "incomingMessage",
    "incomingCall",
    "incomingConversationMessage",
    "incomingRequest",
    "incomingParent",
  ],
  outputs: {},
});

export const splitBasedOn = defineWidget({
  type: "split-based-on",
  label: "Split Based On...",
  channel: "any",
  properties: {
    /** The value tested; each condition repeats it in `arguments[0]`. */
    input: liquidString(),
  },
  events: ["noMatch", "match"],
  outputs: {},
});

/** A Set Variables item; `type` appears in some exports (UNCONFIRMED: its meaning at run time). */
export const setVariablesItemSchema = z.looseObject({
  key: z.string(),
  value: z.string(),
  type: z.string().optional(),
});

export const setVariables = defineWidget({
  type: "set-variables",
  label: "Set Variables",
  channel: "any",
  properties: {
    variables: z.array(setVariablesItemSchema).optional(),
  },
  events: ["next"],
  // Writes flow.variables only (docs:widget-library/set-variables); the agent skill's copy under
  // widgets.NAME is UNCONFIRMED and not modelled (docs/studio-behaviour.md §8).
  outputs: {},
});

const httpOutputs = { body: "value", content_type: "value", status_code: "value", parsed: "open" } as const;

export const makeHttpRequest = defineWidget({
  type: "make-http-request",
  label: "Make HTTP Request",
  channel: "any",
  properties: {
    method: z.enum(["GET", "POST", "PUT", "DELETE", "PATCH"]),
    url: liquidString(),
    /** e.g. "application/x-www-form-urlencoded;charset=utf-8" or "application/json;charset=utf-8" */
    content_type: z.string(),
    body: liquidString().optional(),
    parameters: z.array(keyValueSchema).optional(),
    add_twilio_auth: z.boolean().optional(),
  },
  events: ["success", "failed"],
  outputs: httpOutputs,
});

const functionProperties = {
  url: liquidString(),
  service_sid: z.string().optional(),
  environment_sid: z.string().optional(),
  function_sid: z.string().optional(),
  parameters: z.array(keyValueSchema).optional(),
};

const functionOutputs = { ...httpOutputs, headers: "open" } as const;

export const runFunction = defineWidget({
  type: "run-function",
  label: "Run Function",
  channel: "any",
  properties: functionProperties,
  events: ["success", "fail"],
  outputs: functionOutputs,
});

/** UNCONFIRMED (no Twilio page for it, docs/studio-behaviour.md §2): modelled on run-function. */
export const runFunctionV2 = defineWidget({
  type: "run-function-v2",
  label: "Run Function (v2)",
  channel: "any",
  properties: { ...functionProperties, url: liquidString().optional() },
  events: ["success", "fail"],
  outputs: functionOutputs,
});

export const runSubflow = defineWidget({
  type: "run-subflow",
  label: "Run Subflow",
  channel: "any",
  properties: {
    /** The Subflow's SID (FW…), literal: Studio does not render Liquid here. */
    flow_sid: z.string(),
    /** "LatestPublished", "LatestDraft" (UNCONFIRMED token) or a revision number as a string. */
    flow_revision: z.string(),
    parameters: z.array(setVariablesItemSchema).optional(),
  },
  events: ["completed", "failed"],
  // The Subflow's flow.variables, each directly under widgets.NAME (docs:subflows).
  outputs: {},
  openOutputs: true,
});
