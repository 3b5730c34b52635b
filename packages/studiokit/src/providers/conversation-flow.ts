import * as pulumi from "@pulumi/pulumi";
import { AddressConfiguration, type AddressConfigurationArgs } from "./address-configuration";
import { StudioFlow, type StudioFlowArgs } from "./studio-flow";

/** One address whose inbound messages start conversations handed to the flow. */
export interface FlowAddressArgs {
  readonly type: AddressConfigurationArgs["type"];
  /** A phone number (+15005550006), `whatsapp:+…`, an email address… */
  readonly address: pulumi.Input<string>;
  readonly friendlyName?: pulumi.Input<string>;
  readonly addressCountry?: pulumi.Input<string>;
  /** How often Studio retries handing a new conversation to the flow (0–3). */
  readonly studioRetryCount?: pulumi.Input<number>;
  /** The Conversations service new conversations go to (default: the account's default service). */
  readonly conversationServiceSid?: pulumi.Input<string>;
}

export interface ConversationFlowArgs extends StudioFlowArgs {
  /** Keyed by a stable name of your choosing: the key, not the order, identifies each address. */
  readonly addresses: Readonly<Record<string, FlowAddressArgs>>;
}

/** The inputs of the address configuration that hands new conversations on `address` to a flow. */
export function studioAddressInputs<S>(address: FlowAddressArgs, flowSid: S) {
  return {
    type: address.type,
    address: address.address,
    ...(address.friendlyName !== undefined ? { friendlyName: address.friendlyName } : {}),
    ...(address.addressCountry !== undefined ? { addressCountry: address.addressCountry } : {}),
    autoCreation: {
      enabled: true,
      type: "studio" as const,
      studioFlowSid: flowSid,
      ...(address.studioRetryCount !== undefined ? { studioRetryCount: address.studioRetryCount } : {}),
      ...(address.conversationServiceSid !== undefined
        ? { conversationServiceSid: address.conversationServiceSid }
        : {}),
    },
  };
}

/**
 * The tutorial's first wiring in one declaration: a Studio flow plus the address configurations
 * (auto-creation enabled, type `studio`, the flow's SID) that hand every new conversation on those
 * addresses to it.
 */
export class ConversationFlow extends pulumi.ComponentResource {
  readonly flow: StudioFlow;
  readonly addresses: Readonly<Record<string, AddressConfiguration>>;
  readonly flowSid: pulumi.Output<string>;
  readonly webhookUrl: pulumi.Output<string>;
  readonly addressSids: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: ConversationFlowArgs, opts?: pulumi.ComponentResourceOptions) {
    super("studiokit:index:ConversationFlow", name, {}, opts);
    const { addresses, ...flowArgs } = args;
    this.flow = new StudioFlow(`${name}-flow`, flowArgs, { parent: this });
    this.addresses = Object.fromEntries(
      Object.entries(addresses).map(([key, address]) => [
        key,
        new AddressConfiguration(`${name}-${key}`, studioAddressInputs(address, this.flow.sid), {
          parent: this,
        }),
      ]),
    );
    this.flowSid = this.flow.sid;
    this.webhookUrl = this.flow.webhookUrl;
    this.addressSids = pulumi.all(
      Object.fromEntries(Object.entries(this.addresses).map(([key, a]) => [key, a.sid])),
    );
    this.registerOutputs({
      flowSid: this.flowSid,
      webhookUrl: this.webhookUrl,
      addressSids: this.addressSids,
    });
  }
}
