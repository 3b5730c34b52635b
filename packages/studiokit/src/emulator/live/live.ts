import { type FlowDefinition } from "../../definition";
import {
  type Adapters,
  EngineInputError,
  SimulatedClock,
  startExecution,
  type Execution,
  type OutboundMessage,
  type SendResult,
  type TriggerInput,
} from "../../engine";
import { addSms } from "../api2010/messages";
import { addMessage } from "../conversations/message-records";
import { ApiError, codes } from "../errors";
import { isoTime, newSid } from "../sids";
import { type Store } from "../store";
import { liveAdapters } from "./adapters";

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
  readonly execution: Execution;
  readonly dateCreated: string;
  dateUpdated: string;
  /** FT SIDs and dates, one per engine step, in order. */
  readonly steps: Array<{ readonly sid: string; readonly date: string }>;
  /** Ended through the API (`Status=ended`), whatever the engine was waiting for. */
  stopped: boolean;
  /** Transcript length last seen, to tell whether an action changed anything. */
  seen: number;
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

export const statusOf = (e: LiveExecution): "active" | "ended" =>
  e.stopped || e.execution.status === "ended" ? "ended" : "active";

/**
 * The live part of the emulator: executions of deployed flows on one simulated clock (it starts
 * at the emulator's start and moves only when told to, so timeouts are reproducible), and every
 * message flows send. Kept in memory only: a `--state` file holds the REST resources, not runs.
 */
export class Live {
  readonly clock: SimulatedClock;
  readonly executions = new Map<string, LiveExecution>();
  readonly sent: SentMessage[] = [];
  readonly #contacts = new Map<string, string>();
  readonly #listeners = new Set<(record: LiveExecution) => void>();
  readonly #adapters = new Map<string, Partial<Adapters>>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly store: Store,
    start: number = Date.now(),
  ) {
    this.clock = new SimulatedClock(Math.floor(start / 1000) * 1000);
  }

  now(): string {
    return isoTime(this.clock.now());
  }

  /** Runs `task` after every task queued before it: starts, deliveries and clock moves never interleave. */
  serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** The contact's active execution of a flow (Studio keeps at most one). */
  activeFor(flowSid: string, contact: string): LiveExecution | undefined {
    for (const e of this.executions.values())
      if (e.flowSid === flowSid && e.contact === contact && statusOf(e) === "active") return e;
    return undefined;
  }

  /** An active execution outside Conversations talking to `contact` from `address` (a REST-started one). */
  activeOutside(contact: string, address: string): LiveExecution | undefined {
    for (const e of this.executions.values())
      if (
        e.conversationSid === null &&
        e.contact === contact &&
        e.address === address &&
        statusOf(e) === "active"
      )
        return e;
    return undefined;
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
      contactSid: this.#contactSid(request.contact),
      address: request.address,
      initiatedBy: request.initiatedBy,
      conversationSid: request.conversationSid,
      execution,
      dateCreated: now,
      dateUpdated: now,
      steps: [],
      stopped: false,
      seen: 0,
    };
    this.executions.set(sid, record);
    if (!this.#observe(record)) this.#notify(record);
    return record;
  }

  /** Feeds the execution something (a reply, a tick); true when that changed anything. */
  async act(record: LiveExecution, action: (execution: Execution) => Promise<void>): Promise<boolean> {
    await action(record.execution);
    return this.#observe(record);
  }

  /** Moves the clock; timeouts due by then fire. Returns the executions that moved. */
  async advance(seconds: number): Promise<LiveExecution[]> {
    this.clock.advance(seconds * 1000);
    const moved: LiveExecution[] = [];
    for (const record of this.executions.values())
      if (statusOf(record) === "active" && (await this.act(record, (e) => e.tick()))) moved.push(record);
    return moved;
  }

  stop(record: LiveExecution): void {
    if (statusOf(record) === "ended") return;
    record.stopped = true;
    record.dateUpdated = this.now();
    this.#notify(record);
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

  #contactSid(address: string): string {
    let sid = this.#contacts.get(address);
    if (sid === undefined) this.#contacts.set(address, (sid = newSid("FC")));
    return sid;
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
    this.sent.push({
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
