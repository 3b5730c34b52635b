import { ref, type OpenRef, type RefChildren } from "./ref";

/** studio.md §3: what each trigger event fills under `trigger.*`. */
type TriggerShape = {
  message: {
    AccountSid: "value";
    Body: "value";
    From: "value";
    FromCity: "value";
    FromCountry: "value";
    FromState: "value";
    FromZip: "value";
    MessageSid: "value";
    MessagingServiceSid: "value";
    NumMedia: "value";
    MediaUrl0: "value";
    To: "value";
    ToCity: "value";
    ToCountry: "value";
    ToState: "value";
    ToZip: "value";
    ChannelSid: "value";
    InstanceSid: "value";
    ChannelAttributes: "open";
  };
  call: {
    AccountSid: "value";
    ApiVersion: "value";
    Called: "value";
    Caller: "value";
    CallStatus: "value";
    CallSid: "value";
    Direction: "value";
    From: "value";
    To: "value";
    FromCity: "value";
    FromCountry: "value";
    FromState: "value";
    FromZip: "value";
    ToCity: "value";
    ToCountry: "value";
    ToState: "value";
    ToZip: "value";
  };
  conversation: {
    AccountSid: "value";
    Author: "value";
    Body: "value";
    ChannelSid: "value";
    ConversationSid: "value";
    DateCreated: "value";
    From: "value";
    MessageSid: "value";
    MessagingServiceSid: "value";
    ParticipantSid: "value";
    ChannelAttributes: "open";
  };
  request: { parameters: "open"; from: "value"; to: "value" };
  parent: {
    parameters: "open";
    step_sid: "value";
    execution_sid: "value";
    flow_sid: "value";
    trigger_type: "value";
  };
};

type FlowShape = {
  /** Values written by Set Variables. */
  variables: "open";
  /** The REST API execution's `Parameters`. */
  data: "open";
  /** The Twilio side of the conversation: the inbound `To`, or the REST `From`. */
  channel: { address: "value" };
  /** The execution SID (FN…). */
  sid: "value";
  /** The flow SID (FW…). */
  flow_sid: "value";
};

type ContactShape = { channel: { address: "value" } };

/** `trigger.*`: `trigger.message.Body` renders `{{trigger.message.Body}}`. */
export const trigger = ref("trigger") as unknown as RefChildren<TriggerShape>;
/** `flow.*` (named flowContext because `flow` builds a flow): `flowContext.channel.address`. */
export const flowContext = ref("flow") as unknown as RefChildren<FlowShape>;
/** `contact.*`: `contact.channel.address` renders `{{contact.channel.address}}`. */
export const contact = ref("contact") as unknown as RefChildren<ContactShape>;
/** `widgets.*`, for widgets the builder does not know (raw or imported names). */
export const widgets: OpenRef = ref("widgets");
