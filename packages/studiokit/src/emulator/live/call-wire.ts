import { z } from "zod";
import { type TranscriptEntry, type TranscriptKind } from "../../engine";

/*
 * The emulator-only call endpoints (/studiokit/v1/Calls) answer in this shape; LiveClient parses
 * it with the same schema. A call's lines are what the caller hears and does, in order.
 */

export const callLineSchema = z.object({
  speaker: z.enum(["flow", "caller"]),
  /** The widget that spoke; null for the caller. */
  widget: z.string().nullable(),
  /** The transcript entry's kind: `say`, `play`, `dtmf`, `dial`, `enqueue`, `record`, `send`… or `press`, `speak`, `hangup`, `callEvent`. */
  kind: z.string(),
  text: z.string(),
});
export type CallLine = z.infer<typeof callLineSchema>;

export const callBodySchema = z.object({
  sid: z.string(),
  from: z.string(),
  to: z.string(),
  status: z.enum(["in-progress", "completed"]),
  flow_sid: z.string().nullable(),
  execution_sid: z.string().nullable(),
  /** The widget the flow waits at while the call is up (a Gather, Connect Call To…). */
  waiting_at: z.string().nullable(),
  /** What happened on the call: during this request for an action, the whole call for a fetch. */
  lines: z.array(callLineSchema),
  /** Warnings the flow raised meanwhile (an ignored keypress, a failed widget…). */
  notices: z.array(z.string()),
});
export type CallBody = z.infer<typeof callBodySchema>;

type Entry<K extends TranscriptKind> = Extract<TranscriptEntry, { kind: K }>;
const flowSays = (widget: string, kind: string, text: string): CallLine => ({
  speaker: "flow",
  widget,
  kind,
  text,
});
const callerDoes = (kind: string, text: string): CallLine => ({
  speaker: "caller",
  widget: null,
  kind,
  text,
});

/** Each transcript entry as a line of the call, or nothing when it is not heard on it. */
const lineOf: { [K in TranscriptKind]: (e: Entry<K>) => CallLine | undefined } = {
  say: (e) => flowSays(e.widget, "say", e.text),
  play: (e) => flowSays(e.widget, "play", e.url),
  dtmf: (e) => flowSays(e.widget, "dtmf", e.digits),
  dial: (e) => flowSays(e.widget, "dial", `${e.noun} ${e.to}`),
  enqueue: (e) => flowSays(e.widget, "enqueue", e.queue),
  record: (e) => flowSays(e.widget, "record", e.action),
  redirect: (e) => flowSays(e.widget, "redirect", `${e.method} ${e.url}`),
  stream: (e) => flowSays(e.widget, "stream", `${e.action} ${e.url}`),
  flex: (e) => flowSays(e.widget, "flex", e.workflow),
  call: (e) => flowSays(e.widget, "call", e.to),
  send: (e) => flowSays(e.widget, "send", e.body),
  press: (e) => callerDoes("press", e.digits),
  speak: (e) => callerDoes("speak", e.text),
  hangup: () => callerDoes("hangup", ""),
  callEvent: (e) => callerDoes("callEvent", e.event),
  reply: () => undefined,
  wait: () => undefined,
  http: () => undefined,
  function: () => undefined,
  subflow: () => undefined,
  warning: () => undefined,
  error: () => undefined,
};

/** The lines and the notices among some transcript entries. */
export function callLines(entries: readonly TranscriptEntry[]): { lines: CallLine[]; notices: string[] } {
  const lines: CallLine[] = [];
  const notices: string[] = [];
  for (const entry of entries) {
    if (entry.kind === "warning") notices.push(`${entry.code}: ${entry.message}`);
    else if (entry.kind === "error") notices.push(entry.message);
    const line = (lineOf[entry.kind] as (e: TranscriptEntry) => CallLine | undefined)(entry);
    if (line) lines.push(line);
  }
  return { lines, notices };
}
