import { z } from "zod";
import { booleanString, keyValueSchema, liquidString, numericString } from "../common";
import { callParams, defineWidget } from "./spec";

const speech = {
  /** Text to speak (may contain SSML). */
  say: liquidString().optional(),
  /** URL of audio to play. */
  play: liquidString().optional(),
  voice: z.string().optional(),
  language: z.string().optional(),
  /** Times to repeat, 1-99. */
  loop: z.number().int().min(0).max(99).optional(),
};

export const sayPlay = defineWidget({
  type: "say-play",
  label: "Say/Play",
  channel: "voice",
  properties: {
    ...speech,
    /** DTMF tones to play (0-9 A-D # * w W). */
    digits: liquidString().optional(),
  },
  events: ["audioComplete"],
  outputs: { ...callParams, language: "value", voice: "value" },
});

export const gatherInputOnCall = defineWidget({
  type: "gather-input-on-call",
  label: "Gather Input On Call",
  channel: "voice",
  properties: {
    ...speech,
    /** Seconds of silence before `timeout`, 0-30. */
    timeout: z.number().int().min(0).optional(),
    finish_on_key: z.string().optional(),
    stop_gather: z.boolean().optional(),
    number_of_digits: z.number().int().optional(),
    /** `"auto"` or seconds. */
    speech_timeout: z.string().optional(),
    speech_model: z.string().optional(),
    /** Speech recognition language. */
    gather_language: z.string().optional(),
    /** Comma-separated hints for speech recognition. */
    hints: liquidString().optional(),
    profanity_filter: booleanString().optional(),
  },
  events: ["keypress", "speech", "timeout"],
  outputs: { ...callParams, Digits: "value", SpeechResult: "value", Confidence: "value" },
});

export const connectCallTo = defineWidget({
  type: "connect-call-to",
  label: "Connect Call To",
  channel: "voice",
  properties: {
    noun: z.enum(["number", "number-multi", "client", "sip", "sim", "conference"]),
    to: liquidString().optional(),
    caller_id: liquidString(),
    record: z.boolean().optional(),
    /** Seconds to ring, 1-600. */
    timeout: z.number().int().optional(),
    time_limit: z.union([z.string(), z.number().int()]).optional(),
    sip_endpoint: liquidString().optional(),
    sip_username: liquidString().optional(),
    sip_password: liquidString().optional(),
  },
  events: ["callCompleted", "hangup"],
  outputs: {
    ...callParams,
    DialCallStatus: "value",
    DialCallSid: "value",
    DialCallDuration: "value",
    RecordingUrl: "value",
  },
});

export const recordVoicemail = defineWidget({
  type: "record-voicemail",
  label: "Record Voicemail",
  channel: "voice",
  properties: {
    /** Seconds of silence that end the recording. */
    timeout: z.number().int().optional(),
    finish_on_key: z.string().optional(),
    /** Longest recording in seconds, 1-14400. */
    max_length: z.number().int().optional(),
    transcribe: z.boolean().optional(),
    transcription_callback_url: liquidString().optional(),
    trim: z.enum(["trim-silence", "do-not-trim"]).optional(),
    play_beep: booleanString().optional(),
    recording_status_callback_url: liquidString().optional(),
  },
  events: ["recordingComplete", "noAudio", "hangup"],
  outputs: {
    ...callParams,
    RecordingUrl: "value",
    RecordingDuration: "value",
    RecordingSid: "value",
    Digits: "value",
    TranscriptionText: "value",
  },
});

export const recordCall = defineWidget({
  type: "record-call",
  label: "Call Recording",
  channel: "voice",
  properties: {
    /** true starts recording, false stops it. */
    record_call: z.boolean(),
    recording_status_callback: liquidString().optional(),
    recording_status_callback_method: z.enum(["GET", "POST"]).optional(),
    /** Space-separated: `in-progress completed absent`. */
    recording_status_callback_events: z.string().optional(),
    recording_channels: z.enum(["mono", "dual"]).optional(),
    trim: z.enum(["trim-silence", "do-not-trim"]).optional(),
  },
  events: ["success", "failed"],
  outputs: { Sid: "value", CallSid: "value", Status: "value", Duration: "value", Uri: "value" },
});

export const enqueueCall = defineWidget({
  type: "enqueue-call",
  label: "Enqueue Call",
  channel: "voice",
  properties: {
    queue_name: liquidString().optional(),
    workflow_sid: liquidString().optional(),
    /** JSON text, at most 1,024 characters. */
    task_attributes: liquidString().optional(),
    priority: z.number().int().optional(),
    timeout: z.number().int().optional(),
    wait_url: liquidString().optional(),
    wait_url_method: z.enum(["GET", "POST"]).optional(),
  },
  events: ["callComplete", "failedToEnqueue", "callFailure"],
  outputs: { ...callParams, QueueResult: "value", QueueSid: "value", QueueTime: "value" },
});

const outgoingCall = {
  from: liquidString(),
  to: liquidString(),
  record: z.boolean().optional(),
  recording_channels: z.string().optional(),
  recording_status_callback: liquidString().optional(),
  trim: z.string().optional(),
  detect_answering_machine: z.boolean().optional(),
  machine_detection: z.enum(["Enable", "DetectMessageEnd"]).optional(),
  machine_detection_timeout: numericString().optional(),
  machine_detection_speech_threshold: numericString().optional(),
  machine_detection_speech_end_threshold: numericString().optional(),
  machine_detection_silence_timeout: numericString().optional(),
  send_digits: liquidString().optional(),
  /** Seconds to ring, 0-600. */
  timeout: z.number().int().optional(),
  sip_auth_username: liquidString().optional(),
  sip_auth_password: liquidString().optional(),
};

const outgoingCallOutputs = {
  ...callParams,
  AnsweredBy: "value",
  MachineDetectionDuration: "value",
} as const;

export const makeOutgoingCallV2 = defineWidget({
  type: "make-outgoing-call-v2",
  label: "Make Outgoing Call",
  channel: "any",
  properties: outgoingCall,
  events: ["answered", "busy", "noAnswer", "failed"],
  outputs: outgoingCallOutputs,
});

export const makeOutgoingCallV1 = defineWidget({
  type: "make-outgoing-call-v1",
  label: "Make Outgoing Call (v1)",
  channel: "any",
  properties: outgoingCall,
  // UNCONFIRMED (docs/studio-behaviour.md §2): v1's extra events come from Twilio's agent skill only.
  events: ["answered", "answeredByMachine", "busy", "noAnswer", "failed", "hangup"],
  outputs: outgoingCallOutputs,
});

export const addTwimlRedirect = defineWidget({
  type: "add-twiml-redirect",
  label: "TwiML Redirect",
  channel: "any",
  properties: {
    url: liquidString(),
    method: z.enum(["GET", "POST"]).optional(),
    /** Seconds to wait for control to return, 0-14400, as a string. */
    timeout: numericString().optional(),
  },
  events: ["return", "timeout", "fail"],
  // The return URL's parameters, each directly under widgets.NAME (docs:widget-library/twiml-redirect).
  outputs: {},
  openOutputs: true,
});

export const captureParameters = {
  payment_connector: liquidString().optional(),
  payment_amount: liquidString().optional(),
  currency: z.string().optional(),
  description: liquidString().optional(),
  language: z.string().optional(),
  payment_method: z.enum(["CREDIT_CARD", "ACH_DEBIT"]).optional(),
  payment_token_type: z.enum(["one-time", "reusable"]).optional(),
  bank_account_type: z.string().optional(),
  max_attempts: z.number().int().optional(),
  min_postal_code_length: z.number().int().optional(),
  timeout: z.number().int().optional(),
  security_code: z.boolean().optional(),
  postal_code: booleanString().optional(),
  valid_card_types: z.array(z.string()).optional(),
  parameters: z.array(keyValueSchema).optional(),
};

export const capturePayments = defineWidget({
  type: "capture-payments",
  label: "Capture Payments",
  channel: "voice",
  properties: captureParameters,
  events: ["success", "maxFailedAttempts", "providerError", "payInterrupted", "hangup", "validationError"],
  outputs: {
    Result: "value",
    PaymentToken: "value",
    PaymentConfirmationCode: "value",
    ProfileId: "value",
    PaymentCardNumber: "value",
    PaymentCardType: "value",
    PaymentCardPostalCode: "value",
    ExpirationDate: "value",
    SecurityCode: "value",
  },
});

export const forkStream = defineWidget({
  type: "fork-stream",
  label: "Fork Stream",
  channel: "voice",
  properties: {
    stream_action: z.enum(["start", "stop"]),
    stream_name: liquidString().optional(),
    stream_transport_type: z.enum(["websocket", "siprec"]).optional(),
    stream_url: liquidString().optional(),
    stream_connector: liquidString().optional(),
    stream_track: z.enum(["inbound_track", "outbound_track", "both_tracks"]).optional(),
    stream_parameters: z.array(keyValueSchema).optional(),
  },
  events: ["next"],
  outputs: {},
});

export const runConversationRelay = defineWidget({
  type: "run-conversation-relay",
  label: "ConversationRelay",
  channel: "voice",
  properties: {
    url: liquidString(),
    welcome_greeting: liquidString().optional(),
    tts_provider: z.string().optional(),
    voice: z.string().optional(),
    language: z.string().optional(),
    transcription_provider: z.string().optional(),
    speech_model: z.string().optional(),
    dtmf_detection: z.union([z.string(), z.boolean()]).optional(),
    interruptible: z.union([z.string(), z.boolean()]).optional(),
    parameters: z.array(keyValueSchema).optional(),
  },
  // UNCONFIRMED (docs/studio-behaviour.md §2): events from Twilio's agent skill only.
  events: ["success", "failed"],
  outputs: { HandoffData: "value" },
});
