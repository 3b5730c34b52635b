import { z } from "zod";
import { lastStepOf } from "./archive";
import { statusOf, type Live, type LiveExecution } from "./live";

/*
 * The emulator-only endpoints under /studiokit/v1 (Inbound, Clock) answer in these shapes,
 * snake_case like Twilio's own; the client (client.ts) parses them with the same schemas.
 */

export const executionSummarySchema = z.object({
  sid: z.string(),
  flow_sid: z.string(),
  contact_channel_address: z.string(),
  status: z.enum(["active", "ended"]),
  /** Started by this request (else an active execution took it). */
  started: z.boolean(),
  /** The widget it waits at while active. */
  waiting_at: z.string().nullable(),
  /** Its latest step, as the Steps API shows it. */
  last_step: z
    .object({ name: z.string(), transitioned_from: z.string(), transitioned_to: z.string() })
    .nullable(),
});
export type ExecutionSummary = z.infer<typeof executionSummarySchema>;

export const sentMessageSchema = z.object({
  from: z.string(),
  to: z.string(),
  body: z.string(),
  widget: z.string(),
  execution_sid: z.string(),
  conversation_sid: z.string().nullable(),
  message_sid: z.string().nullable(),
});
export type SentMessageBody = z.infer<typeof sentMessageSchema>;

/** What one inbound message or clock move did. */
export const outcomeSchema = z.object({
  /** The conversation the inbound message went to (null when it went to an execution directly). */
  conversation_sid: z.string().nullable(),
  /** True when an address configuration created that conversation for this message. */
  conversation_created: z.boolean(),
  message_sid: z.string().nullable(),
  executions: z.array(executionSummarySchema),
  /** What the flows sent meanwhile, in order. */
  replies: z.array(sentMessageSchema),
  /** Why something did not run (no published revision, a webhook the emulator does not call…). */
  notices: z.array(z.string()),
});
export type OutcomeBody = z.infer<typeof outcomeSchema>;

export const clockSchema = outcomeSchema.extend({ now: z.string(), advanced_seconds: z.number() });
export type ClockBody = z.infer<typeof clockSchema>;

function summarize(record: LiveExecution, started: boolean): ExecutionSummary {
  const last = lastStepOf(record.execution);
  const status = statusOf(record);
  return {
    sid: record.sid,
    flow_sid: record.flowSid,
    contact_channel_address: record.contact,
    status,
    started,
    waiting_at: status === "active" ? (record.execution.waitingAt ?? null) : null,
    last_step: last ?? null,
  };
}

/** Collects what one request did, then renders it as {@link outcomeSchema}. */
export class Outcome {
  conversationSid: string | null = null;
  conversationCreated = false;
  messageSid: string | null = null;
  readonly notices: string[] = [];
  readonly #touched = new Map<string, { record: LiveExecution; started: boolean }>();
  readonly #from: number;

  constructor(private readonly live: Live) {
    this.#from = live.sentCount;
  }

  touch(record: LiveExecution, started: boolean): void {
    const seen = this.#touched.get(record.sid);
    this.#touched.set(record.sid, { record, started: started || (seen?.started ?? false) });
  }

  body(): OutcomeBody {
    return {
      conversation_sid: this.conversationSid,
      conversation_created: this.conversationCreated,
      message_sid: this.messageSid,
      executions: [...this.#touched.values()].map(({ record, started }) => summarize(record, started)),
      replies: this.live.sentSince(this.#from).map((m) => ({
        from: m.from,
        to: m.to,
        body: m.body,
        widget: m.widget,
        execution_sid: m.executionSid,
        conversation_sid: m.conversationSid,
        message_sid: m.messageSid,
      })),
      notices: this.notices,
    };
  }
}
