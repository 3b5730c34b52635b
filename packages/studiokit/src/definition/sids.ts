import { z } from "zod";

/** Twilio's resource SIDs: a two-letter prefix naming the resource type and 32 hex digits. */
export const sidSchema = (prefix: string, what: string) =>
  z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `a ${what} SID (${prefix}…)`);

export const flowSidSchema = sidSchema("FW", "Studio Flow");
export const conversationSidSchema = sidSchema("CH", "Conversation");
export const conversationServiceSidSchema = sidSchema("IS", "Conversation Service");
export const messagingServiceSidSchema = sidSchema("MG", "Messaging Service");

const e164Text = "an E.164 phone number such as +15005550006";
/** A phone number as Twilio writes it: `+`, the country code, the number, 8 to 15 digits in all. */
export const e164Schema = z.string({ error: e164Text }).regex(/^\+[1-9]\d{6,14}$/, e164Text);
