import { widgetSpecs, isWidgetType, type FlowDefinition } from "../../definition";
import {
  type Adapters,
  type EndReason,
  type Execution,
  type JsonObject,
  type TranscriptEntry,
  type TriggerInput,
} from "../../engine";
import { type OutgoingRequest } from "./request";

/** Starts one execution of the scenario's flow (the runner knows the flow, options and SIDs). */
export type StartExecution = (trigger: TriggerInput, adapters: Adapters) => Promise<Execution>;

/**
 * The executions one scenario drives, in order, seen as one conversation. Once an execution
 * has ended, a reply from the contact starts a new one from the trigger, as at Studio (one
 * active execution per contact and flow); the transcript runs on across executions. Every HTTP
 * and Function request goes through here, so `expect: { request }` can read them.
 */
export class ScenarioSession {
  readonly executions: Execution[] = [];
  readonly requests: OutgoingRequest[] = [];
  /** Transcripts of the executions before the current one, with the reply that started each next. */
  #before: TranscriptEntry[] = [];
  readonly #adapters: Adapters;

  private constructor(
    private readonly start: StartExecution,
    private readonly trigger: TriggerInput,
    private readonly subflows: Readonly<Record<string, FlowDefinition>>,
    adapters: Adapters,
  ) {
    const requests = this.requests;
    this.#adapters = {
      ...adapters,
      http: (request) => (requests.push({ kind: "http", ...request }), adapters.http(request)),
      functions: (request) => (requests.push({ kind: "function", ...request }), adapters.functions(request)),
    };
  }

  static async open(
    start: StartExecution,
    trigger: TriggerInput,
    subflows: Readonly<Record<string, FlowDefinition>>,
    adapters: Adapters,
  ): Promise<ScenarioSession> {
    const session = new ScenarioSession(start, trigger, subflows, adapters);
    session.executions.push(await start(trigger, session.#adapters));
    return session;
  }

  get current(): Execution {
    return this.executions[this.executions.length - 1]!;
  }
  /** 1 for the first execution, 2 after a reply restarted the flow… */
  get executionNumber(): number {
    return this.executions.length;
  }
  get status(): string {
    return this.current.status;
  }
  get waitingAt(): string | undefined {
    return this.current.waitingAt;
  }
  get endReason(): EndReason | undefined {
    return this.current.endReason;
  }
  get variables(): JsonObject {
    return this.current.variables;
  }
  get transcript(): readonly TranscriptEntry[] {
    const now = this.current.transcript;
    return this.#before.length === 0 ? now : [...this.#before, ...now];
  }

  /** The contact's message: to the waiting widget, or the trigger of a new execution. */
  reply(body: string): Promise<void> {
    const current = this.current;
    return current.status === "ended" ? this.#restart(current, body) : current.reply(body);
  }

  /** A new execution from the contact's message after `ended` ended. */
  async #restart(ended: Execution, body: string): Promise<void> {
    const trigger = this.#nextTrigger(ended, body);
    this.#before.push(...ended.transcript, { kind: "reply", body });
    this.executions.push(await this.start(trigger, this.#adapters));
  }
  press(digits: string): Promise<void> {
    return this.current.press(digits);
  }
  speak(text: string): Promise<void> {
    return this.current.speak(text);
  }
  hangup(): Promise<void> {
    return this.current.hangup();
  }
  deliveryFailure(): Promise<void> {
    return this.current.deliveryFailure();
  }
  wait(seconds: number): Promise<void> {
    return this.current.wait(seconds);
  }
  callEvent(event: string, params?: JsonObject): Promise<void> {
    return this.current.callEvent(event, params);
  }

  /** The events of the widget the execution waits at (undefined when it waits at none). */
  waitingEvents(): { widget: string; type: string; events: readonly string[] } | undefined {
    const snapshot = this.current.snapshot;
    const waiting = snapshot.status === "active" ? snapshot.waiting : undefined;
    if (!waiting) return undefined;
    const definition = snapshot.parent ? this.subflows[snapshot.flowSid] : this.current.definition;
    const type = definition?.states.find((s) => s.name === waiting.widget)?.type ?? "";
    return { widget: waiting.widget, type, events: isWidgetType(type) ? widgetSpecs[type].events : [] };
  }

  /**
   * A message from the contact after the end: the same kind of trigger for a message flow
   * (with the same webhook parameters), otherwise a message from the contact to the flow's
   * address (`incomingMessage`), as Studio would get from that number.
   */
  #nextTrigger(ended: Execution, body: string): TriggerInput {
    const t = this.trigger;
    if (t.event === "incomingMessage" || t.event === "incomingConversationMessage") return { ...t, body };
    const from = ended.context.contact.channel.address;
    const to = ended.context.flow.channel.address;
    if (from === "" || to === "")
      throw new Error(
        `the execution ended; a reply would start a new one from the contact, but this ${t.event} execution has no ${from === "" ? "contact" : "flow"} address (give the trigger from and to)`,
      );
    return { event: "incomingMessage", from, to, body };
  }
}
