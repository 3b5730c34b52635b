import { z } from "zod";
import { type ExecutionContext, type JsonObject } from "./types";

/**
 * Extra Twilio webhook parameters (`FromCity`, `ChannelAttributes`…) are merged into
 * `trigger.message` / `trigger.conversation` / `trigger.call`. They are spelt as Twilio spells
 * them, starting with a capital letter; a lowercase unknown key is a typo and is rejected.
 */
function twilioExtras<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .object(shape)
    .catchall(z.json())
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        if (key in shape || /^[A-Z]/.test(key)) continue;
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `unknown key "${key}": use ${Object.keys(shape).join(", ")} or a Twilio webhook parameter such as FromCity`,
        });
      }
    });
}

const address = z.string().min(1);

/**
 * How an execution starts (docs/studio-behaviour.md §3). For message and call triggers `from` is
 * the contact and `to` the Twilio address; for incomingRequest they are the REST API's `From` (the flow's
 * address) and `To` (the contact).
 */
export const triggerInputSchema = z.discriminatedUnion("event", [
  twilioExtras({
    event: z.literal("incomingMessage"),
    from: address,
    to: address,
    body: z.string().optional(),
  }),
  twilioExtras({
    event: z.literal("incomingConversationMessage"),
    from: address,
    to: address,
    body: z.string().optional(),
  }),
  twilioExtras({ event: z.literal("incomingCall"), from: address, to: address }),
  z.strictObject({
    event: z.literal("incomingRequest"),
    from: address,
    to: address,
    parameters: z.record(z.string(), z.json()).optional(),
  }),
  z.strictObject({
    event: z.literal("incomingParent"),
    parameters: z.record(z.string(), z.json()).optional(),
    /** The parent execution's `trigger` object, copied into the subflow (docs:subflows). */
    parentTrigger: z.record(z.string(), z.json()).optional(),
    from: address.optional(),
    to: address.optional(),
  }),
]);
export type TriggerInput = z.input<typeof triggerInputSchema>;

const plainEvents: ReadonlySet<unknown> = new Set([
  "incomingMessage",
  "incomingConversationMessage",
  "incomingCall",
]);
const plainKeys: ReadonlySet<string> = new Set(["event", "from", "to", "body"]);

/**
 * The trigger nearly every run starts from (a message or call event with `from`, `to` and, for a
 * message, `body`, nothing else), checked without zod: zod's union costs a tenth of a short
 * conversation. Anything else gives undefined and goes through `triggerInputSchema`; a property
 * test holds this to accepting only what the schema accepts, with the same data.
 */
export function plainTrigger(input: unknown): TriggerInput | undefined {
  if (typeof input !== "object" || input === null || Object.getPrototypeOf(input) !== Object.prototype)
    return undefined;
  const t = input as Record<string, unknown>;
  if (!plainEvents.has(t["event"])) return undefined;
  for (const key of Object.keys(t)) if (!plainKeys.has(key)) return undefined;
  const { event, from, to, body } = t;
  if (typeof from !== "string" || from === "" || typeof to !== "string" || to === "") return undefined;
  if (!("body" in t)) return { event, from, to } as TriggerInput;
  if (typeof body !== "string" || event === "incomingCall") return undefined;
  return { event, from, to, body } as TriggerInput;
}

/** The made-up account every simulated webhook carries unless the trigger gives one. */
export const simulatedAccountSid = "AC00000000000000000000000000000000";

/** Made SIDs with small serials, by prefix: every execution makes the same few (FN…, SM…1). */
const smallSids = new Map<string, string[]>();

/** `SM` + 32 hex digits from a counter: SIDs that look real and repeat from run to run. */
export function makeSid(prefix: string, serial: number): string {
  if (!(serial >= 0 && serial < 16 && Number.isInteger(serial))) return sidText(prefix, serial);
  let made = smallSids.get(prefix);
  if (!made) smallSids.set(prefix, (made = []));
  return (made[serial] ??= sidText(prefix, serial));
}

function sidText(prefix: string, serial: number): string {
  return prefix + serial.toString(16).padStart(32, "0");
}

/** The last start time written as ISO 8601: scenarios started in the same millisecond share it. */
let lastIso = { ms: NaN, iso: "" };
function isoTime(ms: number): string {
  if (lastIso.ms !== ms) lastIso = { ms, iso: new Date(ms).toISOString() };
  return lastIso.iso;
}

/**
 * The trigger's keys beyond `known` (Twilio webhook parameters) written into `out` in order, as
 * spreading them in would (a key already there keeps its place; `__proto__` is a plain key).
 */
function addExtras<T extends JsonObject>(out: T, input: object, known: readonly string[]): T {
  for (const key of Object.keys(input))
    if (!known.includes(key))
      Object.defineProperty(out, key, {
        value: (input as Record<string, unknown>)[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
  return out;
}

const messageKeys = ["event", "from", "to", "body"];
const callKeys = ["event", "from", "to"];

interface Ids {
  readonly executionSid: string;
  readonly flowSid: string;
  readonly now: number;
}

/** The initial context for a trigger, and how many SIDs it used (the snapshot's serial). */
export function initialContext(input: TriggerInput, ids: Ids): { context: ExecutionContext; serial: number } {
  const flow = (address: string, data: JsonObject = {}) => ({
    sid: ids.executionSid,
    flow_sid: ids.flowSid,
    channel: { address },
    variables: {},
    data,
  });
  const contact = (address: string) => ({ channel: { address } });
  switch (input.event) {
    case "incomingMessage": {
      const message = addExtras(
        {
          AccountSid: simulatedAccountSid,
          MessageSid: makeSid("SM", 1),
          Body: input.body ?? "",
          From: input.from,
          To: input.to,
          NumMedia: "0",
        },
        input,
        messageKeys,
      );
      return { context: mk(flow(input.to), { message }, contact(input.from)), serial: 1 };
    }
    case "incomingConversationMessage": {
      // UNCONFIRMED beyond the doc's field list: Source and the made-up SIDs' prefixes.
      const conversation = addExtras(
        {
          AccountSid: simulatedAccountSid,
          ConversationSid: makeSid("CH", 1),
          MessageSid: makeSid("IM", 2),
          ParticipantSid: makeSid("MB", 3),
          Body: input.body ?? "",
          Author: input.from,
          From: input.from,
          DateCreated: isoTime(ids.now),
          Source: "SMS",
        },
        input,
        messageKeys,
      );
      return { context: mk(flow(input.to), { conversation }, contact(input.from)), serial: 3 };
    }
    case "incomingCall": {
      const call = addExtras(
        {
          AccountSid: simulatedAccountSid,
          ApiVersion: "2010-04-01",
          CallSid: makeSid("CA", 1),
          CallStatus: "ringing",
          Direction: "inbound",
          From: input.from,
          Caller: input.from,
          To: input.to,
          Called: input.to,
        },
        input,
        callKeys,
      );
      return { context: mk(flow(input.to), { call }, contact(input.from)), serial: 1 };
    }
    case "incomingRequest": {
      const parameters = input.parameters ?? {};
      // UNCONFIRMED: the casing of trigger.request.from/to (twilio-ai spells them lowercase).
      const request: JsonObject = { from: input.from, to: input.to, parameters };
      return { context: mk(flow(input.from, parameters), { request }, contact(input.to)), serial: 0 };
    }
    case "incomingParent": {
      const parentTrigger = input.parentTrigger ?? {};
      const parent: JsonObject = { parameters: input.parameters ?? {} };
      return {
        context: mk(flow(input.to ?? ""), { ...parentTrigger, parent }, contact(input.from ?? "")),
        serial: 0,
      };
    }
  }
}

function mk(
  flow: ExecutionContext["flow"],
  trigger: JsonObject,
  contact: ExecutionContext["contact"],
): ExecutionContext {
  return { flow, trigger, widgets: {}, contact };
}
