import { z } from "zod";

/** Twilio's resource SIDs: a two-letter prefix naming the resource type and 32 hex digits. */
export const sidSchema = (prefix: string, what: string) =>
  z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `a ${what} SID (${prefix}…)`);

export const flowSidSchema = sidSchema("FW", "Studio Flow");
export const conversationSidSchema = sidSchema("CH", "Conversation");
export const conversationServiceSidSchema = sidSchema("IS", "Conversation Service");
export const messagingServiceSidSchema = sidSchema("MG", "Messaging Service");
export const phoneNumberSidSchema = sidSchema("PN", "Phone Number");

const e164Text = "an E.164 phone number such as +15005550006";
/** A phone number as Twilio writes it: `+`, the country code, the number, 8 to 15 digits in all. */
export const e164Schema = z.string({ error: e164Text }).regex(/^\+[1-9]\d{6,14}$/, e164Text);

/**
 * A flow's trigger URL, which a number's SMS or voice webhook points at to run it:
 * `https://webhooks.twilio.com/v1/Accounts/AC…/Flows/FW…` (the flow's `webhook_url`). The local
 * Twilio serves the same path on 127.0.0.1, so a loopback host counts too.
 */
export function flowOfWebhookUrl(url: string): { accountSid: string; flowSid: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = parsed.hostname;
  const studio = host === "webhooks.twilio.com" || ["127.0.0.1", "localhost", "[::1]"].includes(host);
  const path = /^\/v1\/Accounts\/(AC[0-9a-fA-F]{32})\/Flows\/(FW[0-9a-fA-F]{32})$/.exec(parsed.pathname);
  if (!studio || !path?.[1] || !path[2] || !["http:", "https:"].includes(parsed.protocol)) return undefined;
  return { accountSid: path[1], flowSid: path[2] };
}
