import fs from "node:fs";
import path from "node:path";
import { newSid, isoNow } from "./sids";
import {
  storeStateSchema,
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

  /** Reads a state file; a missing file means a fresh store. Throws one-line errors. */
  static load(file: string, accountSid: string): Store {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Store(accountSid);
      throw new Error(`cannot read state file ${file}: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`state file ${file} is not JSON (${(error as Error).message}); delete it or fix it`);
    }
    const parsed = storeStateSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `state file ${file} is not an emulator state (${issue?.path.join(".") || "(root)"}: ${issue?.message}); delete it to start fresh`,
      );
    }
    if (parsed.data.account_sid !== accountSid)
      throw new Error(
        `state file ${file} belongs to account ${parsed.data.account_sid}, not ${accountSid}; use another --state file`,
      );
    return new Store(accountSid, parsed.data);
  }

  /** Atomic write (temp file + rename) so a killed emulator never leaves half a file. */
  save(file: string): void {
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(this.toState(), null, 2) + "\n");
    fs.renameSync(tmp, file);
  }
}
