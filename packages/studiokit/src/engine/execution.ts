import type * as Crypto from "node:crypto";
import { formatPath, parseFlowDefinition, type FlowDefinition } from "../definition";
import {
  adaptersFromMocks,
  mockAdapters,
  mocksSchema,
  type Adapters,
  type Mocks,
  type ParsedMocks,
} from "./adapters";
import { SimulatedClock, type Clock } from "./clock";
import { initialTransition, transition, type TransitionOptions } from "./transition";
import { plainTrigger, triggerInputSchema, type TriggerInput } from "./trigger";
import {
  type Effect,
  type EndReason,
  type HttpResponse,
  type ExecutionContext,
  type InputEvent,
  type JsonObject,
  type ResultEvent,
  type SendResult,
  type Snapshot,
  type Step,
  type TranscriptEntry,
  type TransitionResult,
} from "./types";

export interface ExecutionOptions {
  /** Override single adapters; the rest answer from `mocks`. */
  adapters?: Partial<Adapters>;
  mocks?: Mocks;
  /** Defaults to a SimulatedClock starting at `now`. */
  clock?: Clock;
  /** `flow.flow_sid`. Default `FW` + 32 zeros. */
  flowSid?: string;
  /** `flow.sid`. Default: a random `FN…`. */
  executionSid?: string;
  /** Subflow definitions by SID, run inline by Run Subflow. */
  subflows?: Record<string, FlowDefinition>;
  /** Start time when no clock is given. Default: the real current time. */
  now?: Date;
}

/** Bad input to the engine (not a flow behaviour): one line naming what and where. */
export class EngineInputError extends Error {
  override name = "EngineInputError";
}

export const simulatedFlowSid = "FW00000000000000000000000000000000";

const checked = new WeakSet<FlowDefinition>();

/** Zod-checks a definition once per object (never per step). */
function checkDefinition(definition: FlowDefinition, label: string): void {
  if (checked.has(definition)) return;
  const result = parseFlowDefinition(definition);
  if (!result.ok) {
    const problem = result.problems[0];
    throw new EngineInputError(
      `${label} is not a Studio flow definition at ${problem?.path ?? "(root)"}: ${problem?.message ?? "invalid"}`,
    );
  }
  checked.add(definition);
}

function parseTrigger(trigger: TriggerInput): TriggerInput {
  const plain = plainTrigger(trigger);
  if (plain) return plain;
  const result = triggerInputSchema.safeParse(trigger);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new EngineInputError(
    `trigger.${issue ? formatPath(issue.path) : ""}: ${issue?.message ?? "invalid"}`,
  );
}

const defaultAdapters = mockAdapters({});
const parsedMocks = new WeakMap<Mocks, ParsedMocks>();

/**
 * Mocks are checked once per `mocks` object (zod parsing stays off the per-run path); each
 * execution gets its own adapters, so `responses` start from the first answer in every run.
 */
function adaptersFor(options: ExecutionOptions): Adapters {
  let base = defaultAdapters;
  if (options.mocks) {
    let parsed = parsedMocks.get(options.mocks);
    if (!parsed) parsedMocks.set(options.mocks, (parsed = mocksSchema.parse(options.mocks)));
    base = adaptersFromMocks(parsed);
  }
  const given = options.adapters;
  if (!given) return base;
  // All four given as own properties (a scenario's session gives them so): the spread below
  // would copy them alone, so the object itself serves.
  if (adapterNames.every((name) => isEnumerable.call(given, name) && typeof given[name] === "function"))
    return given as Adapters;
  return { ...base, ...given };
}

const isEnumerable = Object.prototype.propertyIsEnumerable;
const adapterNames = ["messaging", "http", "functions", "subflows"] as const satisfies ReadonlyArray<
  keyof Adapters
>;

const done: Promise<void> = Promise.resolve();

/**
 * A random `FN…` SID. node:crypto is loaded here, on first use: scenario runs give their own SIDs
 * and never pay its load (some 15 ms with the streams it loads).
 */
function randomExecutionSid(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
  const { randomBytes } = require("node:crypto") as typeof Crypto;
  return `FN${randomBytes(16).toString("hex")}`;
}

/**
 * Runs an execution of `definition` from `trigger` until it waits or ends. (Not an async
 * function: with synchronous adapters nothing waits, and scenarios start executions by the
 * thousand. Every error still comes as a rejected promise.)
 */
export function startExecution(
  definition: FlowDefinition,
  trigger: TriggerInput,
  options: ExecutionOptions = {},
): Promise<Execution> {
  try {
    const { execution, ran } = start(definition, trigger, options);
    return ran ? ran.then(() => execution) : Promise.resolve(execution);
  } catch (error) {
    return Promise.reject(error);
  }
}

function start(
  definition: FlowDefinition,
  trigger: TriggerInput,
  options: ExecutionOptions,
): { execution: Execution; ran: Promise<void> | void } {
  checkDefinition(definition, "the flow");
  if (options.subflows)
    for (const [sid, sub] of Object.entries(options.subflows)) checkDefinition(sub, `subflow ${sid}`);
  const input = parseTrigger(trigger);
  const clock = options.clock ?? new SimulatedClock(options.now ?? Date.now());
  const ids = {
    executionSid: options.executionSid ?? randomExecutionSid(),
    flowSid: options.flowSid ?? simulatedFlowSid,
    now: clock.now(),
  };
  const transitionOptions: TransitionOptions = options.subflows ? { subflows: options.subflows } : {};
  const adapters = adaptersFor(options);
  const execution = new Execution(definition, transitionOptions, adapters, clock);
  return { execution, ran: execution.run(initialTransition(definition, input, ids, transitionOptions)) };
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `call(arg)`, as a method of `adapters`, settled into a result: a thrown error or a rejected
 * promise is `fail`'s. (No closures per call: every message sent comes through here.)
 */
function settle<A, T, R>(
  adapters: Adapters,
  call: (this: Adapters, arg: A) => T | Promise<T>,
  arg: A,
  ok: (value: T) => R,
  fail: (e: unknown) => R,
): R | Promise<R> {
  try {
    const value = call.call(adapters, arg);
    return isPromise(value) ? value.then(ok, fail) : ok(value);
  } catch (error) {
    return fail(error);
  }
}

const sendOk = (result: SendResult): ResultEvent => ({ type: "sendResult", result });
const sendFail = (e: unknown): ResultEvent => ({
  type: "sendResult",
  result: { status: "failed", code: 0, message: errorText(e) },
});

/**
 * One adapter call, turned into the result event the transition expects. A thrown error or a
 * rejected promise fails the widget; it never escapes.
 */
function perform(adapters: Adapters, effect: Effect): ResultEvent | Promise<ResultEvent> {
  switch (effect.type) {
    case "send":
      return settle(adapters, adapters.messaging, effect.message, sendOk, sendFail);
    case "http":
    case "function": {
      const type = effect.type === "http" ? "httpResult" : "functionResult";
      const ok = (response: HttpResponse): ResultEvent => ({ type, result: { ok: true, response } });
      const fail = (e: unknown): ResultEvent => ({ type, result: { ok: false, error: errorText(e) } });
      return effect.type === "http"
        ? settle(adapters, adapters.http, effect.request, ok, fail)
        : settle(adapters, adapters.functions, effect.request, ok, fail);
    }
    case "subflow":
      return settle(
        adapters,
        adapters.subflows,
        effect.request,
        (r): ResultEvent => ({
          type: "subflowResult",
          result: { ok: true, event: r.event, variables: r.variables },
        }),
        (e): ResultEvent => ({ type: "subflowResult", result: { ok: false, error: errorText(e) } }),
      );
  }
}

/**
 * A running execution: the thin driver around `transition`. Each action resolves once the flow
 * waits again or has ended; actions are queued, so they apply in call order.
 */
export class Execution {
  #snapshot!: Snapshot;
  /** The last queued action while one is in flight; undefined when idle. */
  #tail: Promise<void> | undefined;

  constructor(
    readonly definition: FlowDefinition,
    private readonly options: TransitionOptions,
    private readonly adapters: Adapters,
    readonly clock: Clock,
  ) {}

  get snapshot(): Snapshot {
    return this.#snapshot;
  }
  get status(): Snapshot["status"] {
    return this.#snapshot.status;
  }
  /** The widget the execution waits at, or undefined once it has ended. */
  get waitingAt(): string | undefined {
    return this.#snapshot.status === "active" ? this.#snapshot.waiting?.widget : undefined;
  }
  get endReason(): EndReason | undefined {
    return this.#snapshot.endReason;
  }
  get transcript(): readonly TranscriptEntry[] {
    return this.#snapshot.transcript;
  }
  get steps(): readonly Step[] {
    return this.#snapshot.steps;
  }
  get context(): ExecutionContext {
    return this.#snapshot.context;
  }
  get variables(): JsonObject {
    return this.#snapshot.context.flow.variables;
  }
  /** Warnings so far (81002 ignored events, limits, failed sends, Liquid problems…). */
  get warnings(): Extract<TranscriptEntry, { kind: "warning" }>[] {
    return this.#snapshot.transcript.filter((e) => e.kind === "warning");
  }

  reply(body: string, extra?: JsonObject): Promise<void> {
    return this.dispatch(extra ? { type: "reply", body, extra } : { type: "reply", body });
  }
  press(digits: string): Promise<void> {
    return this.dispatch({ type: "press", digits });
  }
  /** `confidence` is Twilio's 0-1 speech confidence (default 0.9). */
  speak(text: string, confidence = 0.9): Promise<void> {
    return this.dispatch({ type: "speak", text, confidence });
  }
  hangup(): Promise<void> {
    return this.dispatch({ type: "hangup" });
  }
  /** The last message sent by Send & Wait was not delivered. */
  deliveryFailure(): Promise<void> {
    return this.dispatch({ type: "deliveryFailure" });
  }
  /** An outcome from outside: `answered`, `busy`, `callCompleted`, `recordingComplete`, `return`… */
  callEvent(event: string, params?: JsonObject): Promise<void> {
    return this.dispatch(params ? { type: "callEvent", event, params } : { type: "callEvent", event });
  }
  /** Moves a simulated clock forward; timeouts due by then fire. */
  wait(seconds: number): Promise<void> {
    if (!Number.isFinite(seconds) || seconds < 0)
      return Promise.reject(new EngineInputError(`wait: ${seconds} is not a number of seconds`));
    return this.#enqueue(() => {
      let now: number;
      if (this.clock.advance) {
        this.clock.advance(seconds * 1000);
        now = this.clock.now();
      } else now = Math.max(this.clock.now(), this.#snapshot.now + seconds * 1000);
      return this.#step({ type: "tick", now, seconds });
    });
  }
  /** Fires timeouts due by the clock's current time (for clocks moved from outside). */
  tick(): Promise<void> {
    return this.#enqueue(() => this.#step({ type: "tick", now: this.clock.now() }));
  }

  dispatch(event: Exclude<InputEvent, { type: "tick" }>): Promise<void> {
    return this.#enqueue(() => this.#step(event));
  }

  /** @internal Applies a transition result and runs its effects until none is pending. */
  run(result: TransitionResult): Promise<void> | void {
    this.#snapshot = result.snapshot;
    let effects = result.effects;
    while (effects.length > 0) {
      const effect = effects[0]!;
      const rest = effects.slice(1);
      const answer = perform(this.adapters, effect);
      if (isPromise(answer))
        return answer.then((event) => {
          const next = transition(this.definition, this.#snapshot, event, this.options);
          return this.run({ snapshot: next.snapshot, effects: rest.concat(next.effects) });
        });
      const next = transition(this.definition, this.#snapshot, answer, this.options);
      this.#snapshot = next.snapshot;
      effects = rest.length === 0 ? next.effects : rest.concat(next.effects);
    }
  }

  #step(event: InputEvent): Promise<void> | void {
    return this.run(transition(this.definition, this.#snapshot, event, this.options));
  }

  /** Runs `action` now when idle (no promise hop when adapters answer synchronously), else after the queue. */
  #enqueue(action: () => Promise<void> | void): Promise<void> {
    let result: Promise<void> | void;
    if (this.#tail) result = this.#tail.then(action);
    else {
      try {
        result = action();
      } catch (error) {
        return Promise.reject(error);
      }
      if (!result) return done;
    }
    const tail: Promise<void> = result.then(
      () => this.#settle(tail),
      () => this.#settle(tail),
    );
    this.#tail = tail;
    return result;
  }

  #settle(tail: Promise<void>): void {
    if (this.#tail === tail) this.#tail = undefined;
  }
}
