import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { formatPath } from "../src/definition";

const e164Text = "an E.164 phone number such as +15005550006";
// A missing value fails the type check; it gets the same words as a malformed one.
const e164 = z.string({ error: e164Text }).regex(/^\+[1-9]\d{6,14}$/, e164Text);
const flag = z.stringbool({ truthy: ["true"], falsy: ["false"] });

/**
 * The stack settings under `studiokit:` (Pulumi.<stack>.yaml). Numbers and SIDs differ per
 * environment, so they live here and never in the program. Twilio credentials are `twilio:*`
 * settings read by the providers themselves (docs/deploy.md).
 */
export const stackConfigSchema = z
  .object({
    /** The flow's name in the Studio console. */
    flowName: z.string().min(1).default("Do you like bots?"),
    flowStatus: z.enum(["draft", "published"]).default("published"),
    commitMessage: z.string().min(1).optional(),
    /** Identities allowed to run a draft revision (JSON list). */
    testUsers: z.array(z.string().min(1)).optional(),
    /** The Twilio number the tutorial runs on. */
    twilioNumber: e164,
    /** `sms`, or `whatsapp` for a WhatsApp sender on the same number. */
    addressType: z.enum(["sms", "whatsapp"]).default("sms"),
    /** Wiring 1: an address configuration hands every new conversation on the number to the flow. */
    autoWiring: flag.default(true),
    studioRetryCount: z.coerce.number().int().min(0).max(3).optional(),
    conversationServiceSid: z
      .string()
      .regex(/^IS[0-9a-fA-F]{32}$/, "a Conversation Service SID (IS…)")
      .optional(),
    /** Wiring 2: one conversation with the contact, wired to the flow by a studio webhook. */
    manualWiring: flag.default(false),
    /** The contact the manual wiring talks to. */
    contactNumber: e164.optional(),
    conversationName: z.string().min(1).default("Do you like bots? (manual wiring)"),
    /** Also run Twilio's FlowValidate during preview. */
    validateWithTwilio: flag.default(false),
  })
  .refine((c) => !c.manualWiring || c.contactNumber !== undefined, {
    message: "manualWiring needs the contact's number (an E.164 phone number such as +15005550006)",
    path: ["contactNumber"],
  });

export type StackConfig = z.output<typeof stackConfigSchema>;

/** Parses raw values (strings as Pulumi stores them; `testUsers` as JSON) into a typed config. */
export function parseStackConfig(raw: Record<string, unknown>): StackConfig {
  const result = stackConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = `studiokit:${formatPath(issue?.path ?? [])}`;
  // RunError: the CLI shows the message alone, without a stack trace.
  throw new pulumi.RunError(
    `stack config ${key}: ${issue?.message ?? "invalid"}; set it with: pulumi config set ${key} <value>`,
  );
}

/** The current stack's `studiokit:*` settings. */
export function readStackConfig(config = new pulumi.Config("studiokit")): StackConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(stackConfigSchema.shape)) {
    const value = key === "testUsers" ? config.getObject<unknown>(key) : config.get(key);
    if (value !== undefined) raw[key] = value;
  }
  return parseStackConfig(raw);
}
