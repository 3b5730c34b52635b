import { newSid, isoNow } from "./sids";
import {
  type AccountConfiguration,
  type AddressConfigurationRecord,
  type CallRecord,
  type ConversationRecord,
  type FlowRecord,
  type IncomingPhoneNumberRecord,
  type MessageRecord,
  type ParticipantRecord,
  type ServiceRecord,
  type SmsMessageRecord,
  type StoreState,
  type WebhookRecord,
} from "./state";

const byId = <T extends { sid: string }>(items: readonly T[]) => new Map(items.map((i) => [i.sid, i]));

function refill<T extends { sid: string }>(map: Map<string, T>, items: readonly T[]): void {
  map.clear();
  for (const item of items) map.set(item.sid, item);
}

export function newService(accountSid: string, friendlyName: string): ServiceRecord {
  return {
    sid: newSid("IS"),
    account_sid: accountSid,
    friendly_name: friendlyName,
    date_created: isoNow(),
    date_updated: null,
    configuration: {
      default_conversation_creator_role_sid: newSid("RL"),
      default_conversation_role_sid: newSid("RL"),
      default_chat_service_role_sid: newSid("RL"),
      reachability_enabled: false,
    },
    webhooks: { pre_webhook_url: null, post_webhook_url: null, filters: null, method: null },
  };
}

/**
 * Everything the emulator knows, inspectable from tests. Maps keep insertion order, which is
 * the order lists are served in. The account's default Conversations service always exists.
 */
export class Store {
  readonly flows: Map<string, FlowRecord>;
  readonly addressConfigurations: Map<string, AddressConfigurationRecord>;
  readonly services: Map<string, ServiceRecord>;
  readonly conversations: Map<string, ConversationRecord>;
  readonly participants: Map<string, ParticipantRecord>;
  readonly webhooks: Map<string, WebhookRecord>;
  readonly messages: Map<string, MessageRecord>;
  /** API 2010: the account's numbers, plain SMS and calls (api2010/). */
  readonly incomingPhoneNumbers: Map<string, IncomingPhoneNumberRecord>;
  readonly smsMessages: Map<string, SmsMessageRecord>;
  readonly calls: Map<string, CallRecord>;
  readonly configuration: AccountConfiguration;

  constructor(
    readonly accountSid: string,
    state?: StoreState,
  ) {
    this.flows = byId(state?.flows ?? []);
    this.addressConfigurations = byId(state?.address_configurations ?? []);
    this.conversations = byId(state?.conversations ?? []);
    this.participants = byId(state?.participants ?? []);
    this.webhooks = byId(state?.webhooks ?? []);
    this.messages = byId(state?.messages ?? []);
    this.incomingPhoneNumbers = byId(state?.incoming_phone_numbers ?? []);
    this.smsMessages = byId(state?.sms_messages ?? []);
    this.calls = byId(state?.calls ?? []);
    if (state) {
      this.services = byId(state.services);
      this.configuration = state.configuration;
    } else {
      const service = newService(accountSid, "Default Conversations Service");
      this.services = byId([service]);
      this.configuration = {
        default_chat_service_sid: service.sid,
        default_messaging_service_sid: newSid("MG"),
        default_inactive_timer: null,
        default_closed_timer: null,
        webhooks: {
          pre_webhook_url: null,
          post_webhook_url: null,
          filters: [],
          method: "POST",
          target: "webhook",
        },
      };
    }
  }

  toState(): StoreState {
    return {
      version: 1,
      account_sid: this.accountSid,
      configuration: this.configuration,
      services: [...this.services.values()],
      flows: [...this.flows.values()],
      address_configurations: [...this.addressConfigurations.values()],
      conversations: [...this.conversations.values()],
      participants: [...this.participants.values()],
      webhooks: [...this.webhooks.values()],
      messages: [...this.messages.values()],
      incoming_phone_numbers: [...this.incomingPhoneNumbers.values()],
      sms_messages: [...this.smsMessages.values()],
      calls: [...this.calls.values()],
    };
  }

  /** Puts back a state taken with `toState` (a save that failed rolls back to the last one written). */
  restore(state: StoreState): void {
    refill(this.flows, state.flows);
    refill(this.addressConfigurations, state.address_configurations);
    refill(this.services, state.services);
    refill(this.conversations, state.conversations);
    refill(this.participants, state.participants);
    refill(this.webhooks, state.webhooks);
    refill(this.messages, state.messages);
    Object.assign(this.configuration, state.configuration);
  }
}
