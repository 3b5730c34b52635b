import { type FlowDefinition } from "../../definition";
import {
  type Adapters,
  EngineInputError,
  SimulatedClock,
  startExecution,
  Execution,
  type OutboundMessage,
  type SendResult,
  type TriggerInput,
} from "../../engine";
import { createHash } from "node:crypto";
import { addSms } from "../api2010/messages";
import { addMessage } from "../conversations/message-records";
import { ApiError, codes } from "../errors";
import { isoTime, newSid } from "../sids";
import { RecentLog } from "../recent-log";
import { type Store } from "../store";
import { liveAdapters } from "./adapters";
import { ArchivedRun, type RunView } from "./archive";
import { retentionSchema, type Retention } from "./retention";

/** A message a flow sent: into its conversation (stored there too) or, without one, as an SMS. */
export interface SentMessage {
  readonly executionSid: string;
  readonly widget: string;
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly conversationSid: string | null;
  readonly messageSid: string | null;
}

/** One Studio execution running on the emulator: the engine's execution plus what the API shows. */
export interface LiveExecution {
  readonly sid: string;
  readonly flowSid: string;
  readonly flowVersion: number;
  /** `contact.channel.address`: one active execution per contact per flow. */
  readonly contact: string;
  readonly contactSid: string;
  /** `flow.channel.address`. */
  readonly address: string;
  readonly initiatedBy: string | null;
  /** The conversation its messages go to; null for REST-started executions. */
  readonly conversationSid: string | null;
  /** The engine's execution; once ended and no longer recent, its compressed archive. */
  execution: RunView;
  readonly dateCreated: string;
  dateUpdated: string;
  /** FT SIDs and dates, one per engine step, in order. */
  readonly steps: Array<{ readonly sid: string; readonly date: string }>;
  /** Ended through the API (`Status=ended`), whatever the engine was waiting for. */
  stopped: boolean;
  /** Transcript length last seen, to tell whether an action changed anything. */
  seen: number;
  /** When it ended, on the simulated clock (ms); null while active. Retention counts from here. */
  endedAt: number | null;
}

export interface StartRequest {
  readonly flowSid: string;
  readonly flowVersion: number;
  readonly definition: FlowDefinition;
  readonly subflows: Readonly<Record<string, FlowDefinition>>;
  readonly trigger: TriggerInput;
  readonly contact: string;
  readonly address: string;
  readonly initiatedBy: string | null;
  readonly conversationSid: string | null;
}

/** `FC` + 32 hex digits derived from the address: one contact, one SID, with nothing to remember. */
const contactSid = (address: string) =>
  "FC" + createHash("sha256").update(address).digest("hex").slice(0, 32);

export const statusOf = (e: LiveExecution): "active" | "ended" =>
  e.stopped || e.execution.status === "ended" ? "ended" : "active";

const pair = (a: string, b: string) => `${a}\u0000${b}`;

/**
 * The live part of the emulator: executions of deployed flows on one simulated clock (it starts
 * at the emulator's start and moves only when told to, so timeouts are reproducible), and the
 * messages flows send. Kept in memory only: a `--state` file holds the REST resources, not runs.
 *
 * Active executions are indexed by flow and contact, so a message finds its execution in O(1)
 * however many ran before. Ended ones are kept for the retention (count and age on the simulated
 * clock, docs/twilio-rest.md §5), then dropped with their steps; the oldest go first.
 */
export class Live {
  readonly clock: SimulatedClock;
  /** Every execution still kept: the active ones and the ended ones within the retention. */
  readonly executions = new Map<string, LiveExecution>();
  readonly #sent = new RecentLog<SentMessage>();
  /** Active executions by flow and contact (Studio keeps at most one per pair). */
  readonly #active = new Map<string, LiveExecution>();
  /** Active REST-started executions (no conversation) by contact and address. */
  readonly #outside = new Map<string, Set<LiveExecution>>();
  /**
   * Ended executions in the order they ended, from `#head` on (some may be deleted already);
   * slots before `#head` are emptied so what was dropped can be freed.
   */
  #ended: Array<LiveExecution | undefined> = [];
  #head = 0;
  /** Ended executions still kept. */
  #retained = 0;
  readonly #listeners = new Set<(record: LiveExecution) => void>();
  readonly #adapters = new Map<string, Partial<Adapters>>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly store: Store,
    start: number = Date.now(),
    readonly retention: Retention = retentionSchema.parse({}),
  ) {
    this.clock = new SimulatedClock(Math.floor(start / 1000) * 1000);
  }

  now(): string {
    return isoTime(this.clock.now());
  }

  /** The most recent messages flows sent (at least the last 10,000), oldest first. */
  get sent(): readonly SentMessage[] {
    return this.#sent.log;
  }

  /** Messages flows have sent since the emulator started. */
  get sentCount(): number {
    return this.#sent.count;
  }

  /** The messages sent after `sentCount` was `count`. */
  sentSince(count: number): SentMessage[] {
    return this.#sent.since(count);
  }

  /** Runs `task` after every task queued before it: starts, deliveries and clock moves never interleave. */
  serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** The contact's active execution of a flow (Studio keeps at most one). */
  activeFor(flowSid: string, contact: string): LiveExecution | undefined {
    return this.#active.get(pair(flowSid, contact));
  }

  /** An active execution outside Conversations talking to `contact` from `address` (a REST-started one). */
  activeOutside(contact: string, address: string): LiveExecution | undefined {
    const found = this.#outside.get(pair(contact, address));
    return found === undefined ? undefined : found.values().next().value;
  }

  /** Calls `listener` whenever an execution starts or moves; returns the function that stops it. */
  onChange(listener: (record: LiveExecution) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * What executions of one flow started from now on reach instead of the real thing (mocked HTTP
   * Request and Run Function answers, say); `undefined` puts the real adapters back.
   */
  setAdapters(flowSid: string, adapters: Partial<Adapters> | undefined): void {
    if (adapters === undefined) this.#adapters.delete(flowSid);
    else this.#adapters.set(flowSid, adapters);
  }

  async start(request: StartRequest): Promise<LiveExecution> {
    const sid = newSid("FN");
    const now = this.now();
    let execution: Execution;
    try {
      execution = await startExecution(request.definition, request.trigger, {
        clock: this.clock,
        flowSid: request.flowSid,
        executionSid: sid,
        adapters: {
          ...liveAdapters((message) => this.#send(sid, request.conversationSid, message)),
          ...this.#adapters.get(request.flowSid),
        },
        ...(Object.keys(request.subflows).length > 0 ? { subflows: request.subflows } : {}),
      });
    } catch (error) {
      if (error instanceof EngineInputError) throw new ApiError(400, codes.invalidParameter, error.message);
      throw error;
    }
    const record: LiveExecution = {
      sid,
      flowSid: request.flowSid,
      flowVersion: request.flowVersion,
      contact: request.contact,
      contactSid: contactSid(request.contact),
      address: request.address,
      initiatedBy: request.initiatedBy,
      conversationSid: request.conversationSid,
      execution,
      dateCreated: now,
      dateUpdated: now,
      steps: [],
      stopped: false,
      seen: 0,
      endedAt: null,
    };
    this.executions.set(sid, record);
    this.#index(record);
    if (!this.#observe(record)) this.#notify(record);
    this.#settle(record);
    return record;
  }

  /** Feeds the execution something (a reply, a tick); true when that changed anything. */
  async act(record: LiveExecution, action: (execution: Execution) => Promise<void>): Promise<boolean> {
    // Only an active execution acts, and an active one is never archived.
    if (!(record.execution instanceof Execution)) return false;
    await action(record.execution);
    const changed = this.#observe(record);
    this.#settle(record);
    return changed;
  }

  /** Moves the clock; timeouts due by then fire, and ended executions past the retention go. */
  async advance(seconds: number): Promise<LiveExecution[]> {
    this.clock.advance(seconds * 1000);
    const moved: LiveExecution[] = [];
    for (const record of [...this.#active.values()])
      if (await this.act(record, (e) => e.tick())) moved.push(record);
    this.#prune();
    return moved;
  }

  stop(record: LiveExecution): void {
    if (statusOf(record) === "ended") return;
    record.stopped = true;
    record.dateUpdated = this.now();
    this.#settle(record);
    this.#notify(record);
  }

  /** Forgets an execution and its steps (REST delete). */
  remove(record: LiveExecution): void {
    if (this.executions.get(record.sid) !== record) return;
    this.executions.delete(record.sid);
    if (record.endedAt === null) this.#unindex(record);
    else this.#retained -= 1;
  }

  /** Forgets every execution of a flow (the flow was deleted). */
  removeFlow(flowSid: string): void {
    for (const record of [...this.executions.values()]) if (record.flowSid === flowSid) this.remove(record);
  }

  #index(record: LiveExecution): void {
    this.#active.set(pair(record.flowSid, record.contact), record);
    if (record.conversationSid !== null) return;
    const key = pair(record.contact, record.address);
    const set = this.#outside.get(key) ?? new Set();
    this.#outside.set(key, set.add(record));
  }

  #unindex(record: LiveExecution): void {
    const key = pair(record.flowSid, record.contact);
    if (this.#active.get(key) === record) this.#active.delete(key);
    const outside = pair(record.contact, record.address);
    const set = this.#outside.get(outside);
    if (set?.delete(record) && set.size === 0) this.#outside.delete(outside);
  }

  /** An execution that has just ended leaves the indexes and joins the retained ones. */
  #settle(record: LiveExecution): void {
    if (record.endedAt !== null || statusOf(record) !== "ended") return;
    record.endedAt = this.clock.now();
    this.#unindex(record);
    if (this.executions.get(record.sid) !== record) return;
    // Archived at once: the engine's objects then die young instead of churning the old heap.
    record.execution = new ArchivedRun(record.execution);
    this.#ended.push(record);
    this.#retained += 1;
    this.#prune();
  }

  /** Drops the oldest ended executions beyond the count, and those ended before the age limit. */
  #prune(): void {
    const horizon = this.clock.now() - this.retention.days * 86_400_000;
    while (this.#head < this.#ended.length) {
      const oldest = this.#ended[this.#head]!;
      const kept = this.executions.get(oldest.sid) === oldest;
      if (kept && this.#retained <= this.retention.endedExecutions && oldest.endedAt! >= horizon) break;
      this.#ended[this.#head] = undefined;
      this.#head += 1;
      if (kept) {
        this.executions.delete(oldest.sid);
        this.#retained -= 1;
      }
    }
    // The dropped prefix is cut off now and then, so dropping stays O(1) per execution.
    if (this.#head > 1024 && this.#head * 2 > this.#ended.length) {
      this.#ended = this.#ended.slice(this.#head);
      this.#head = 0;
    }
  }

  #notify(record: LiveExecution): void {
    for (const listener of this.#listeners) listener(record);
  }

  /** Gives every new engine step its FT SID; true when the execution did something new. */
  #observe(record: LiveExecution): boolean {
    const now = this.now();
    const steps = record.execution.steps.length;
    const transcript = record.execution.transcript.length;
    const changed = steps > record.steps.length || transcript > record.seen;
    while (record.steps.length < steps) record.steps.push({ sid: newSid("FT"), date: now });
    record.seen = transcript;
    if (changed) {
      record.dateUpdated = now;
      this.#notify(record);
    }
    return changed;
  }

  #send(executionSid: string, conversationSid: string | null, message: OutboundMessage): SendResult {
    let messageSid: string | null = null;
    if (conversationSid !== null) {
      const conversation = this.store.conversations.get(conversationSid);
      if (!conversation)
        return {
          status: "failed",
          code: codes.notFound,
          message: `conversation ${conversationSid} was deleted`,
        };
      // UNCONFIRMED: Studio's messages in a conversation carry Twilio's default author, `system`.
      messageSid = addMessage(this.store, conversation, {
        author: "system",
        body: message.body,
        participantSid: null,
        date: this.now(),
      }).sid;
    } else
      messageSid = addSms(this.store, {
        ...message,
        direction: "outbound-api",
        status: "sent",
        date: this.now(),
      }).sid;
    this.#sent.add({
      executionSid,
      widget: message.widget,
      from: message.from,
      to: message.to,
      body: message.body,
      conversationSid,
      messageSid,
    });
    return { status: "sent" };
  }
}
