import { flowOfWebhookUrl } from "../../definition";
import { type FlowAddressConfig, type FlowNumberConfig, type ProjectFlowConfig } from "../../project";
import { type LiveAddress, type LiveFlow, type LiveNumber } from "./account";

/** A stack-config entry as the user pastes it: only what differs from the defaults. */
export type PulledEntry = Pick<ProjectFlowConfig, "file" | "friendlyName" | "adoptSid"> & {
  status?: "draft";
  numbers?: Array<Pick<FlowNumberConfig, "number"> & { sms?: true; voice?: true }>;
  addresses?: Array<Partial<FlowAddressConfig> & Pick<FlowAddressConfig, "type" | "address">>;
};

/** Whether a number's webhook for a channel runs `flow` (no TwiML app in the way). */
function runs(url: string, app: string, flow: LiveFlow, accountSid: string): boolean {
  const target = flowOfWebhookUrl(url);
  return app === "" && target?.flowSid === flow.sid && target.accountSid === accountSid;
}

/** The address configurations that hand new conversations to the flow. */
function addressesOf(flow: LiveFlow, addresses: readonly LiveAddress[]) {
  return addresses.filter(
    (a) =>
      a.autoCreation["enabled"] === true &&
      a.autoCreation["type"] === "studio" &&
      a.autoCreation["studio_flow_sid"] === flow.sid,
  );
}

/**
 * The entry of `studiokit:flows` that deploys the pulled file over the live flow (`adoptSid`),
 * with the numbers whose SMS or voice webhook runs it and the address configurations that hand
 * it conversations. A number's SMS webhook is left out where an address configuration takes that
 * number's messages anyway (Conversations wins, so it never runs).
 */
export function stackEntry(
  flow: LiveFlow,
  file: string,
  account: { accountSid: string; numbers: readonly LiveNumber[]; addresses: readonly LiveAddress[] },
): PulledEntry {
  const conversations = new Set(
    account.addresses
      .filter((a) => a.type.toLowerCase() === "sms" && a.autoCreation["enabled"] === true)
      .map((a) => a.address),
  );
  const numbers = account.numbers.flatMap((n) => {
    const sms =
      runs(n.smsUrl, n.smsApplicationSid, flow, account.accountSid) && !conversations.has(n.phoneNumber);
    const voice = runs(n.voiceUrl, n.voiceApplicationSid, flow, account.accountSid);
    return sms || voice
      ? [
          {
            number: n.phoneNumber,
            ...(sms ? { sms: true as const } : {}),
            ...(voice ? { voice: true as const } : {}),
          },
        ]
      : [];
  });
  const addresses = addressesOf(flow, account.addresses).map((a) => {
    const type = a.type.toLowerCase() as FlowAddressConfig["type"];
    const retries = a.autoCreation["studio_retry_count"];
    const service = a.autoCreation["conversation_service_sid"];
    return {
      type,
      address: type === "whatsapp" ? a.address.replace(/^whatsapp:/, "") : a.address,
      ...(a.friendlyName !== null ? { friendlyName: a.friendlyName } : {}),
      ...(typeof retries === "number" ? { studioRetryCount: retries } : {}),
      ...(typeof service === "string" ? { conversationServiceSid: service } : {}),
    };
  });
  return {
    file,
    friendlyName: flow.friendlyName,
    ...(flow.status === "draft" ? { status: "draft" as const } : {}),
    adoptSid: flow.sid,
    ...(numbers.length > 0 ? { numbers } : {}),
    ...(addresses.length > 0 ? { addresses } : {}),
  };
}
