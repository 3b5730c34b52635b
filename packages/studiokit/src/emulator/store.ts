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
  readonly flows = new Map<string, FlowRecord>();
  readonly addressConfigurations = new Map<string, AddressConfigurationRecord>();
  readonly services = new Map<string, ServiceRecord>();
  readonly conversations = new Map<string, ConversationRecord>();
  readonly participants = new Map<string, ParticipantRecord>();
  readonly webhooks = new Map<string, WebhookRecord>();
  readonly messages = new Map<string, MessageRecord>();
  /** API 2010: the account's numbers, plain SMS and calls (api2010/). */
  readonly incomingPhoneNumbers = new Map<string, IncomingPhoneNumberRecord>();
  readonly smsMessages = new Map<string, SmsMessageRecord>();
  readonly calls = new Map<string, CallRecord>();
  readonly configuration: AccountConfiguration;

  constructor(
    readonly accountSid: string,
    state?: StoreState,
  ) {
    if (state) {
      this.configuration = state.configuration;
      this.restore(state);
    } else {
      const service = newService(accountSid, "Default Conversations Service");
      this.services.set(service.sid, service);
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

  /**
   * Puts back a state taken with `toState`: a loaded state file, or a save that failed rolling
   * back to the last one written. Every map `toState` lists is refilled here.
   */
  restore(state: StoreState): void {
    refill(this.flows, state.flows);
    refill(this.addressConfigurations, state.address_configurations);
    refill(this.services, state.services);
    refill(this.conversations, state.conversations);
    refill(this.participants, state.participants);
    refill(this.webhooks, state.webhooks);
    refill(this.messages, state.messages);
    refill(this.incomingPhoneNumbers, state.incoming_phone_numbers);
    refill(this.smsMessages, state.sms_messages);
    refill(this.calls, state.calls);
    Object.assign(this.configuration, state.configuration);
  }
}
