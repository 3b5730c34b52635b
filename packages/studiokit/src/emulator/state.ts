import { z } from "zod";

/*
 * The emulator's records, one zod schema each. Field names are Twilio's (snake_case) so a record
 * is the API resource minus the parts that depend on where it is served (`url`, `links`). The
 * same schemas check a `--state` file on load.
 */

const nullableString = z.string().nullable();

/** A Studio validation problem as Studio reports it: JSON pointer and message. */
export const flowProblemSchema = z.object({ message: z.string(), property_path: z.string() });
export type FlowProblem = z.infer<typeof flowProblemSchema>;

export const flowRevisionRecordSchema = z.object({
  revision: z.number().int().min(1),
  friendly_name: z.string(),
  definition: z.unknown(),
  status: z.enum(["draft", "published"]),
  commit_message: nullableString,
  author_sid: nullableString,
  valid: z.boolean(),
  errors: z.array(flowProblemSchema),
  warnings: z.array(flowProblemSchema),
  date_created: z.string(),
  date_updated: nullableString,
});
export type FlowRevisionRecord = z.infer<typeof flowRevisionRecordSchema>;

export const flowRecordSchema = z.object({
  sid: z.string(),
  account_sid: z.string(),
  date_created: z.string(),
  date_updated: nullableString,
  test_users: z.array(z.string()),
  /** Oldest first; the last one is what fetching the flow returns. Never empty. */
  revisions: z.array(flowRevisionRecordSchema).min(1),
});
export type FlowRecord = z.infer<typeof flowRecordSchema>;

/** Every auto-creation setting ever sent; rendering shows only the keys of the current type. */
export const autoCreationSchema = z.object({
  enabled: z.boolean(),
  type: z.enum(["webhook", "studio", "default"]),
  conversation_service_sid: nullableString,
  webhook_url: nullableString,
  webhook_method: z.enum(["GET", "POST"]),
  webhook_filters: z.array(z.string()),
  studio_flow_sid: nullableString,
  studio_retry_count: z.number().int(),
});
export type AutoCreation = z.infer<typeof autoCreationSchema>;

export const addressConfigurationRecordSchema = z.object({
  sid: z.string(),
  account_sid: z.string(),
  type: z.string(),
  address: z.string(),
  friendly_name: nullableString,
  address_country: nullableString,
  auto_creation: autoCreationSchema,
  date_created: z.string(),
  date_updated: nullableString,
});
export type AddressConfigurationRecord = z.infer<typeof addressConfigurationRecordSchema>;

export const webhookConfigurationSchema = z.object({
  pre_webhook_url: nullableString,
  post_webhook_url: nullableString,
  filters: z.array(z.string()).nullable(),
  method: z.enum(["GET", "POST"]).nullable(),
});

export const serviceRecordSchema = z.object({
  sid: z.string(),
  account_sid: z.string(),
  friendly_name: z.string(),
  date_created: z.string(),
  date_updated: nullableString,
  configuration: z.object({
    default_conversation_creator_role_sid: nullableString,
    default_conversation_role_sid: nullableString,
    default_chat_service_role_sid: nullableString,
    reachability_enabled: z.boolean(),
  }),
  webhooks: webhookConfigurationSchema,
});
export type ServiceRecord = z.infer<typeof serviceRecordSchema>;

export const conversationStateSchema = z.enum(["initializing", "inactive", "active", "closed"]);

export const conversationRecordSchema = z.object({
  sid: z.string(),
  account_sid: z.string(),
  chat_service_sid: z.string(),
  messaging_service_sid: z.string(),
  friendly_name: nullableString,
  unique_name: nullableString,
  attributes: z.string(),
  state: conversationStateSchema,
  date_created: z.string(),
  date_updated: nullableString,
  timers: z.record(z.string(), z.string()),
  bindings: z.record(z.string(), z.unknown()),
});
export type ConversationRecord = z.infer<typeof conversationRecordSchema>;

export const messagingBindingSchema = z.object({
  type: z.string(),
  address: z.string().optional(),
  proxy_address: z.string().optional(),
  projected_address: z.string().optional(),
});

export const participantRecordSchema = z.object({
  sid: z.string(),
  account_sid: z.string(),
  chat_service_sid: z.string(),
  conversation_sid: z.string(),
  identity: nullableString,
  attributes: z.string(),
  messaging_binding: messagingBindingSchema.nullable(),
  role_sid: nullableString,
  date_created: z.string(),
  date_updated: nullableString,
  last_read_message_index: z.number().int().nullable(),
  last_read_timestamp: nullableString,
});
export type ParticipantRecord = z.infer<typeof participantRecordSchema>;

export const webhookRecordSchema = z.object({
  sid: z.string(),
  account_sid: z.string(),
  chat_service_sid: z.string(),
  conversation_sid: z.string(),
  target: z.enum(["webhook", "trigger", "studio"]),
  configuration: z.record(z.string(), z.unknown()),
  date_created: z.string(),
  date_updated: nullableString,
});
export type WebhookRecord = z.infer<typeof webhookRecordSchema>;

/** A Conversations message (IM…); `index` counts up per conversation. */
export const messageRecordSchema = z.object({
  sid: z.string(),
  account_sid: z.string(),
  chat_service_sid: z.string(),
  conversation_sid: z.string(),
  index: z.number().int().min(0),
  author: z.string(),
  body: nullableString,
  attributes: z.string(),
  participant_sid: nullableString,
  content_sid: nullableString,
  date_created: z.string(),
  date_updated: nullableString,
});
export type MessageRecord = z.infer<typeof messageRecordSchema>;

/*
 * API 2010-04-01 (docs/twilio-rest.md §17): the account's numbers, plain SMS and calls. Unset
 * URLs and application SIDs are "" as Twilio answers them; times are ISO here and RFC 2822 on
 * the wire (api2010/format.ts).
 */

export const httpMethodSchema = z.enum(["GET", "POST"]);

/** A number of the account (PN…) and where its SMS and calls go. */
export const incomingPhoneNumberRecordSchema = z.object({
  sid: z.string(),
  account_sid: z.string(),
  phone_number: z.string(),
  friendly_name: z.string(),
  sms_url: z.string(),
  sms_method: httpMethodSchema,
  sms_fallback_url: z.string(),
  sms_fallback_method: httpMethodSchema,
  /** A TwiML app that takes the number's SMS instead of `sms_url`. */
  sms_application_sid: z.string(),
  voice_url: z.string(),
  voice_method: httpMethodSchema,
  voice_fallback_url: z.string(),
  voice_fallback_method: httpMethodSchema,
  /** A TwiML app that takes the number's calls instead of `voice_url`. */
  voice_application_sid: z.string(),
  voice_caller_id_lookup: z.boolean(),
  voice_receive_mode: z.enum(["voice", "fax"]),
  status_callback: z.string(),
  status_callback_method: httpMethodSchema,
  /** An Elastic SIP trunk that takes the number's calls instead of `voice_url`. */
  trunk_sid: nullableString,
  date_created: z.string(),
  date_updated: z.string(),
});
export type IncomingPhoneNumberRecord = z.infer<typeof incomingPhoneNumberRecordSchema>;

/** A plain SMS (SM…): a contact's text to a number, or what a flow sent outside Conversations. */
export const smsMessageRecordSchema = z.object({
  sid: z.string(),
  account_sid: z.string(),
  from: z.string(),
  to: z.string(),
  body: z.string(),
  direction: z.enum(["inbound", "outbound-api", "outbound-call", "outbound-reply"]),
  status: z.enum(["received", "sent", "failed"]),
  error_code: z.number().int().nullable(),
  error_message: nullableString,
  date_created: z.string(),
  date_sent: z.string(),
  date_updated: z.string(),
});
export type SmsMessageRecord = z.infer<typeof smsMessageRecordSchema>;

/** A call to a number (CA…); `flow_sid` and `execution_sid` are the emulator's: the run that answered it. */
export const callRecordSchema = z.object({
  sid: z.string(),
  account_sid: z.string(),
  from: z.string(),
  to: z.string(),
  phone_number_sid: nullableString,
  direction: z.enum(["inbound", "outbound-api", "outbound-dial"]),
  status: z.enum([
    "queued",
    "ringing",
    "in-progress",
    "completed",
    "busy",
    "failed",
    "no-answer",
    "canceled",
  ]),
  start_time: z.string(),
  end_time: nullableString,
  date_created: z.string(),
  date_updated: z.string(),
  flow_sid: nullableString,
  execution_sid: nullableString,
});
export type CallRecord = z.infer<typeof callRecordSchema>;

export const accountConfigurationSchema = z.object({
  default_chat_service_sid: z.string(),
  default_messaging_service_sid: z.string(),
  default_inactive_timer: nullableString,
  default_closed_timer: nullableString,
  webhooks: webhookConfigurationSchema.extend({ target: z.enum(["webhook", "flex"]) }),
});
export type AccountConfiguration = z.infer<typeof accountConfigurationSchema>;

/** The whole store as written to a `--state` file. */
export const storeStateSchema = z.object({
  version: z.literal(1),
  account_sid: z.string(),
  configuration: accountConfigurationSchema,
  services: z.array(serviceRecordSchema),
  flows: z.array(flowRecordSchema),
  address_configurations: z.array(addressConfigurationRecordSchema),
  conversations: z.array(conversationRecordSchema),
  participants: z.array(participantRecordSchema),
  webhooks: z.array(webhookRecordSchema),
  /** Absent in state files written before messages were kept. */
  messages: z.array(messageRecordSchema).default([]),
  /** API 2010; absent in state files written before numbers, SMS and calls were served. */
  incoming_phone_numbers: z.array(incomingPhoneNumberRecordSchema).default([]),
  sms_messages: z.array(smsMessageRecordSchema).default([]),
  calls: z.array(callRecordSchema).default([]),
});
export type StoreState = z.infer<typeof storeStateSchema>;
