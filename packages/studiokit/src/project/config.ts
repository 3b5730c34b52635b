import { z } from "zod";
import { conversationServiceSidSchema, e164Schema, flowSidSchema, phoneNumberSidSchema } from "../definition";
import { ProjectError } from "./error";

/*
 * A project's stack settings under `studiokit:` (Pulumi.<stack>.yaml): the flows to deploy and
 * how each is wired. Numbers and SIDs differ per environment, so they live here, never in the
 * program. Twilio credentials are `twilio:*` settings the providers read themselves.
 */

/** `true`/`false` as YAML writes them, or as strings (`pulumi config set --path` stores strings). */
const flag = z.union([z.boolean(), z.stringbool({ truthy: ["true"], falsy: ["false"] })]);
const count = (max: number) => z.coerce.number().int().min(0).max(max);

/** A Pulumi resource name part: letters, digits, `-` and `_`, as in a file's base name. */
const resourceName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "letters, digits, - and _ only, such as order-status");

/** Wiring 1: an address whose new conversations Conversations hands to the flow. */
export const flowAddressSchema = z.strictObject({
  /** `sms`, `whatsapp` (the address then needs no `whatsapp:` prefix: it is added), … */
  type: z.enum(["sms", "whatsapp", "messenger", "gbm", "email", "rcs", "apple", "chat"]).default("sms"),
  /** The Twilio number (E.164) or other address. */
  address: z.string().min(1, "give the address, such as +15005550006"),
  friendlyName: z.string().min(1).optional(),
  studioRetryCount: count(3).optional(),
  conversationServiceSid: conversationServiceSidSchema.optional(),
});

/** Wiring 2: one conversation with a contact, handed to the flow by a conversation-scoped webhook. */
export const flowConversationSchema = z.strictObject({
  /** The contact's number (E.164). */
  contact: e164Schema,
  /** Your Twilio number the contact talks to (E.164). */
  twilioNumber: e164Schema,
  type: z.enum(["sms", "whatsapp"]).default("sms"),
  friendlyName: z.string().min(1).optional(),
});

/**
 * A number of the account whose SMS and/or voice webhook goes to the flow (no Conversations): by
 * number or by SID, never bought or released; on delete it gets back what it had.
 */
export const flowNumberSchema = z
  .strictObject({
    /** The number (E.164). */
    number: e164Schema.optional(),
    /** Or its SID (PN…). */
    sid: phoneNumberSidSchema.optional(),
    /** Texts to the number run the flow (`incomingMessage`). */
    sms: flag.default(false),
    /** Calls to the number run the flow (`incomingCall`). */
    voice: flag.default(false),
  })
  .refine((n) => (n.number === undefined) !== (n.sid === undefined), {
    message: 'give the number (number: "+15017122661") or its SID (sid: PN…), one of them',
  })
  .refine((n) => n.sms || n.voice, {
    message: "say which of the number's webhooks go to the flow: sms: true, voice: true, or both",
  });

/** One flow of the project and its wiring. */
export const projectFlowSchema = z.strictObject({
  /** The flow file, relative to the project directory: `flows/<name>.ts` or a `.json` definition. */
  file: z.string().min(1, "give the flow file, such as flows/order-status.ts"),
  /** The flow's resource name (default: the file's base name); stack outputs are keyed by it. */
  name: resourceName.optional(),
  /** The flow's name in the Studio console (default: the resource name). */
  friendlyName: z.string().min(1).optional(),
  status: z.enum(["draft", "published"]).default("published"),
  commitMessage: z.string().min(1).optional(),
  /** Identities allowed to run a draft revision. */
  testUsers: z.array(z.string().min(1)).optional(),
  /** Also run Twilio's FlowValidate during preview. */
  validateWithTwilio: flag.default(false),
  /** Fail preview on the validator's warnings too, not only its errors. */
  strict: flag.default(false),
  /** An existing flow (FW…) to take over on the first `pulumi up` instead of creating one. */
  adoptSid: flowSidSchema.optional(),
  addresses: z.array(flowAddressSchema).default([]),
  conversations: z.array(flowConversationSchema).default([]),
  numbers: z.array(flowNumberSchema).default([]),
});

export const projectConfigSchema = z.strictObject({
  /** The flows to deploy; absent: every flow file in `flows/`, unwired. */
  flows: z.array(projectFlowSchema).optional(),
});

export type FlowAddressConfig = z.output<typeof flowAddressSchema>;
export type FlowConversationConfig = z.output<typeof flowConversationSchema>;
export type FlowNumberConfig = z.output<typeof flowNumberSchema>;
export type ProjectFlowConfig = z.output<typeof projectFlowSchema>;
export type ProjectConfig = z.output<typeof projectConfigSchema>;

/** The config key a zod path names, as `pulumi config set --path` spells it: `studiokit:flows[0].file`. */
export function configKey(path: readonly PropertyKey[]): string {
  let key = "studiokit:";
  for (const [i, part] of path.entries()) {
    if (typeof part === "number") key += `[${part}]`;
    else key += `${i === 0 ? "" : "."}${String(part)}`;
  }
  return key;
}

/**
 * Raw settings (as Pulumi hands them: `flows` already parsed from YAML or JSON) → a typed config,
 * or a ProjectError naming the first bad key.
 */
export function parseProjectConfig(raw: Record<string, unknown>): ProjectConfig {
  const result = projectConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => configKey([...issue.path, k]));
    throw new ProjectError(
      `stack config ${keys.join(", ")}: not a studiokit setting; remove it or check its spelling`,
    );
  }
  throw new ProjectError(`stack config ${configKey(issue?.path ?? [])}: ${issue?.message ?? "invalid"}`);
}
