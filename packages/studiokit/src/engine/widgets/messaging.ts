import { propertyDefaults } from "../../definition";
import { simulatedAccountSid } from "../trigger";
import { type JsonObject, type OutboundMessage, type TranscriptEntry } from "../types";
import { memoObject, next, type Outcome, type WidgetHandler, type WidgetRun } from "./handler";

/** `from`/`to` default to the flow's and the contact's addresses (docs/studio-behaviour.md §9). */
function compose(run: WidgetRun, to: string): { message: OutboundMessage; outbound: JsonObject } {
  const from = run.text("from", propertyDefaults["send-message"].from);
  const body = run.text("body");
  const mediaUrl = run.text("media_url");
  const contentSid = run.raw("message_type") === "content_template" ? run.text("content_sid") : "";
  // Optional keys are added after the others (the same key order as spreading them in).
  const message: { -readonly [K in keyof OutboundMessage]: OutboundMessage[K] } = {
    widget: run.name,
    from,
    to,
    body,
  };
  if (mediaUrl) message.mediaUrl = mediaUrl;
  if (contentSid) message.contentSid = contentSid;
  const outbound: JsonObject = {
    AccountSid: simulatedAccountSid,
    Sid: run.sid("SM"),
    Body: body,
    From: from,
    To: to,
    Direction: "outbound-api",
    NumMedia: mediaUrl ? "1" : "0",
    NumSegments: "1",
  };
  addConversationSid(run, outbound);
  return { message, outbound };
}

/** A Conversations trigger's `ConversationSid`, added to a webhook's parameters. */
function addConversationSid(run: WidgetRun, out: JsonObject): void {
  const conversation = run.context.trigger["conversation"];
  if (typeof conversation !== "object" || conversation === null || Array.isArray(conversation)) return;
  const sid = conversation["ConversationSid"];
  if (typeof sid === "string") out["ConversationSid"] = sid;
}

/**
 * Asks the messaging adapter to send. A message with no body, media or content template is not
 * sent: Studio reports 81011 ("missing body/media") and the widget fails.
 */
function send(run: WidgetRun, to: string, failEvent: string): Outcome {
  const { message, outbound } = compose(run, to);
  if (!message.body.trim() && !message.mediaUrl && !message.contentSid) {
    run.warn("81011", `widget "${run.name}" has no body, media or content template to send`);
    return next(failEvent, { outbound: { ...outbound, Status: "failed", ErrorCode: "21602" } });
  }
  return { type: "effect", effect: { type: "send", message }, memo: { outbound, message: { ...message } } };
}

/** Emits the send on success; on failure warns 81011 and returns the outbound as failed. */
function sent(run: WidgetRun, memo: JsonObject, result: { status: string; code?: number; message?: string }) {
  const outbound = memoObject(memo, "outbound");
  if (result.status === "sent") {
    const m = memoObject(memo, "message");
    const entry: Extract<TranscriptEntry, { kind: "send" }> = {
      kind: "send",
      widget: run.name,
      from: String(m["from"]),
      to: String(m["to"]),
      body: String(m["body"]),
    };
    if (typeof m["mediaUrl"] === "string") entry.mediaUrl = m["mediaUrl"];
    if (typeof m["contentSid"] === "string") entry.contentSid = m["contentSid"];
    run.emit(entry);
    return { ok: true as const, outbound: { ...outbound, Status: "sent" } };
  }
  run.warn(
    "81011",
    `widget "${run.name}" failed to send to ${String(outbound["To"])}: ${result.message ?? ""}`,
  );
  return {
    ok: false as const,
    outbound: {
      ...outbound,
      Status: "failed",
      ErrorCode: String(result.code ?? ""),
      ErrorMessage: result.message ?? "",
    },
  };
}

export const sendMessage: WidgetHandler = {
  enter: (run) => send(run, run.text("to", propertyDefaults["send-message"].to), "failed"),
  resume(run, input, memo) {
    if (input.type !== "sendResult") return undefined;
    const result = sent(run, memo, input.result);
    return next(result.ok ? "sent" : "failed", { outbound: result.outbound });
  },
};

/**
 * Send & Wait For Reply: sends, then waits `timeout` seconds (default 3600) for a reply.
 * A send the Messaging API refuses, or a later delivery failure, takes `deliveryFailure`.
 * The reply partner is the contact (no `to` property in Studio's schema).
 */
export const sendAndWaitForReply: WidgetHandler = {
  enter: (run) => send(run, run.context.contact.channel.address, "deliveryFailure"),
  resume(run, input, memo) {
    const outbound = memoObject(memo, "outbound");
    switch (input.type) {
      case "sendResult": {
        const result = sent(run, memo, input.result);
        if (!result.ok) return next("deliveryFailure", { outbound: result.outbound });
        return {
          type: "wait",
          timeoutSeconds: run.number("timeout", Number(propertyDefaults["send-and-wait-for-reply"].timeout)),
          memo: { outbound: result.outbound },
        };
      }
      case "reply": {
        const base: JsonObject = {
          AccountSid: simulatedAccountSid,
          MessageSid: run.sid("SM"),
          Body: input.body,
          From: run.context.contact.channel.address,
          To: run.context.flow.channel.address,
          NumMedia: "0",
        };
        addConversationSid(run, base);
        const inbound = input.extra ? { ...base, ...input.extra } : base;
        return next("incomingMessage", { outbound, inbound });
      }
      case "deliveryFailure":
      case "callEvent": {
        // Of this widget's events only the delivery status comes from Twilio as an event.
        if (input.type === "callEvent" && input.event !== "deliveryFailure") return undefined;
        return next("deliveryFailure", { outbound: { ...outbound, Status: "undelivered" } });
      }
      case "timeout":
        return next("timeout", { outbound });
      default:
        return undefined;
    }
  },
};
