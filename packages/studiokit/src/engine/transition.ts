import { studioLimits, type FlowDefinition, type State } from "../definition";
import { describeInput, inputEntry, subflowContext } from "./input";
import { initialContext, type TriggerInput } from "./trigger";
import {
  type EngineEvent,
  type InputEvent,
  type Snapshot,
  type SubflowResult,
  type TransitionResult,
} from "./types";
import { handlerFor, type Outcome, type WidgetInput } from "./widgets/index";
import { indexFlow, Run, Work } from "./work";

export interface TransitionOptions {
  /** Subflow definitions by flow SID (FW…), run inline by Run Subflow. */
  readonly subflows?: Readonly<Record<string, FlowDefinition>>;
}

export interface ExecutionIds {
  readonly executionSid: string;
  readonly flowSid: string;
  /** Simulated start time (ms). */
  readonly now: number;
}

const noSubflows: Readonly<Record<string, FlowDefinition>> = {};

/**
 * Starts an execution: builds the context from the trigger and runs from `initial_state` until the
 * flow waits, asks an adapter for something, or ends. Pure: effects are returned, not run.
 */
export function initialTransition(
  definition: FlowDefinition,
  trigger: TriggerInput,
  ids: ExecutionIds,
  options: TransitionOptions = {},
): TransitionResult {
  const { context, serial } = initialContext(trigger, ids);
  const snapshot: Snapshot = {
    status: "active",
    executionSid: ids.executionSid,
    flowSid: ids.flowSid,
    context,
    parent: undefined,
    waiting: undefined,
    endReason: undefined,
    now: ids.now,
    startedAt: ids.now,
    clockTarget: ids.now,
    stepCount: 0,
    lastWidget: "",
    runsInARow: 0,
    serial,
    steps: [],
    transcript: [],
  };
  const work = new Work(definition, options.subflows ?? noSubflows, snapshot);
  runFrom(work, definition.initial_state);
  return { snapshot: work.toSnapshot(), effects: work.effects };
}

/**
 * The pure transition: `(definition, snapshot, event) → { snapshot, effects }`. It never mutates
 * `snapshot` and never performs I/O; the driver runs the effects and feeds their results back.
 */
export function transition(
  definition: FlowDefinition,
  snapshot: Snapshot,
  event: EngineEvent,
  options: TransitionOptions = {},
): TransitionResult {
  const work = new Work(definition, options.subflows ?? noSubflows, snapshot);
  if (event.type === "tick") {
    if (event.seconds !== undefined) work.transcript.push({ kind: "wait", seconds: event.seconds });
    work.clockTarget = Math.max(work.clockTarget, event.now);
  } else if (isResult(event)) {
    if (work.waiting?.for === "effect") resume(work, event);
    else work.warn("studiokit", `an adapter answered (${event.type}) while no widget was waiting for one`);
  } else acceptInput(work, event);
  settleClock(work);
  return { snapshot: work.toSnapshot(), effects: work.effects };
}

function isResult(event: EngineEvent): event is Extract<EngineEvent, { type: `${string}Result` }> {
  return event.type.endsWith("Result");
}

/** What the contact or the call does: logged, then taken by the waiting widget or ignored (81002). */
function acceptInput(work: Work, event: Exclude<InputEvent, { type: "tick" }>): void {
  const entry = inputEntry(event);
  if (entry) work.transcript.push(entry);
  if (work.status === "ended") {
    work.warn("81002", `${describeInput(event)} arrived after the execution ended; it is ignored`);
    return;
  }
  const waiting = work.waiting;
  if (waiting?.for === "input" && resume(work, event)) return;
  if (event.type === "hangup" && "call" in work.context.trigger) {
    // The caller is gone: Twilio's final status callback ends the execution (docs/studio-behaviour.md §6).
    work.end(waiting ? { kind: "hangup", widget: waiting.widget } : { kind: "hangup" });
    return;
  }
  const where = waiting ? `widget "${waiting.widget}"` : "no widget";
  work.warn(
    "81002",
    `${describeInput(event)} is not an event ${where} can take now; it is ignored`,
    waiting?.widget,
  );
}

/** Hands an input to the waiting widget's handler. False when the widget cannot take it. */
function resume(work: Work, input: WidgetInput): boolean {
  const waiting = work.waiting;
  const state =
    waiting && work.definition() ? indexFlow(work.definition()!).states.get(waiting.widget) : undefined;
  if (!waiting || !state) return false;
  const handler = handlerFor(state.type);
  const outcome = guard(work, state, () => handler?.resume?.(new Run(work, state), input, waiting.memo));
  if (outcome === undefined) return false;
  work.waiting = undefined;
  runFrom(work, apply(work, state, outcome));
  return true;
}

const lifetimeMs = studioLimits.executionLifetimeDays * 24 * 60 * 60 * 1000;

/**
 * Fires every timeout due by `clockTarget`, in time order, then moves `now` there. An execution
 * still waiting when its 30 days are up ends then; a timer due at that very moment fires first.
 */
function settleClock(work: Work): void {
  for (;;) {
    const waiting = work.waiting;
    if (work.status !== "active" || waiting?.for !== "input") break;
    const expiresAt = work.startedAt + lifetimeMs;
    const timerFirst = waiting.timeoutAt !== undefined && waiting.timeoutAt <= expiresAt;
    if (!timerFirst && expiresAt <= work.clockTarget) {
      work.now = Math.max(work.now, expiresAt);
      work.end({ kind: "expired", widget: waiting.widget });
      break;
    }
    if (waiting.timeoutAt === undefined || waiting.timeoutAt > work.clockTarget) break;
    work.now = Math.max(work.now, waiting.timeoutAt);
    if (!resume(work, { type: "timeout" })) {
      work.waiting = { ...waiting, timeoutAt: undefined };
    }
  }
  if (work.waiting?.for !== "effect") work.now = Math.max(work.now, work.clockTarget);
}

/** Enters widgets one after another until the flow parks or ends. */
function runFrom(work: Work, first: string | undefined): void {
  let name = first;
  while (name !== undefined && work.status === "active") name = enter(work, name);
}

/** Runs one widget step. Returns the next widget to enter, if the step moved straight on. */
function enter(work: Work, name: string): string | undefined {
  const definition = work.definition();
  const state = definition ? indexFlow(definition).states.get(name) : undefined;
  if (!state) {
    work.end({
      kind: "error",
      widget: name,
      message: `the flow goes to widget "${name}", which does not exist`,
    });
    return undefined;
  }
  if (!work.admit(name)) return undefined;
  const handler = handlerFor(state.type);
  if (!handler) {
    work.end({
      kind: "error",
      widget: name,
      message: `widget "${name}" has type "${state.type}", which studiokit's engine cannot simulate`,
    });
    return undefined;
  }
  const outcome = guard(work, state, () => handler.enter(new Run(work, state)));
  return outcome === undefined ? undefined : apply(work, state, outcome);
}

/** Runs handler code; an exception is an engine bug and ends the execution saying so. */
function guard(work: Work, state: State, body: () => Outcome | undefined): Outcome | undefined {
  try {
    return body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    work.end({
      kind: "error",
      widget: state.name,
      message: `engine error in widget "${state.name}": ${message}`,
      internal: true,
    });
    return undefined;
  }
}

/** Carries out a handler's outcome. Returns the next widget to enter, if any. */
function apply(work: Work, state: State, outcome: Outcome): string | undefined {
  if (work.status !== "active") return undefined;
  switch (outcome.type) {
    case "next":
      return leave(work, state, outcome);
    case "wait":
      work.waiting = {
        widget: state.name,
        for: "input",
        timeoutAt:
          outcome.timeoutSeconds === undefined ? undefined : work.now + outcome.timeoutSeconds * 1000,
        memo: outcome.memo ?? {},
      };
      return undefined;
    case "effect":
      work.waiting = { widget: state.name, for: "effect", timeoutAt: undefined, memo: outcome.memo ?? {} };
      work.effects.push(outcome.effect);
      return undefined;
    case "subflow":
      return startSubflow(work, state, outcome);
    case "hangup":
      work.end({ kind: "hangup", widget: state.name });
      return undefined;
    case "fail":
      work.end({ kind: "error", widget: state.name, message: outcome.message });
      return undefined;
  }
}

/** Commits the step and follows the transition for its event. */
function leave(work: Work, state: State, outcome: Extract<Outcome, { type: "next" }>): string | undefined {
  work.commit(state.name, outcome.outputs, outcome.variables);
  const index =
    outcome.transitionIndex ?? indexFlow(work.definition()!).events.get(state.name)?.get(outcome.event);
  const t = index === undefined ? undefined : state.transitions[index];
  if (index === undefined || !t) {
    // UNCONFIRMED (docs/studio-behaviour.md §6): Studio logs 81002; whether the execution then
    // ends or idles until the 30-day cap is unknown. We end it, as one public test suite assumes.
    work.warn("81002", `widget "${state.name}" has no transition for event "${outcome.event}"`, state.name);
    work.end({ kind: "noTransition", widget: state.name, event: outcome.event });
    return undefined;
  }
  const next = t.next === "" ? undefined : t.next;
  work.steps.push({
    name: outcome.event,
    transitioned_from: state.name,
    transitioned_to: next ?? "Ended",
    type: state.type,
    transition_index: index,
    flow_sid: work.flowSid,
    context: work.context,
  });
  if (next !== undefined) return next;
  return finishFrame(work, state, outcome.event);
}

/** A transition without `next`: the subflow returns to its parent, or the execution ends. */
function finishFrame(work: Work, state: State, event: string): string | undefined {
  const parent = work.parent;
  if (!parent) {
    work.end({ kind: "finished", widget: state.name, event });
    return undefined;
  }
  const variables = work.context.flow.variables;
  work.parent = undefined;
  work.flowSid = parent.flowSid;
  work.context = parent.context;
  const caller = indexFlow(work.root).states.get(parent.widget);
  if (!caller) return undefined;
  answerSubflow(work, caller.name, { ok: true, event: "completed", variables });
  return undefined;
}

/** The Run Subflow widget `widget` takes `result` as if the subflow adapter had answered it. */
function answerSubflow(work: Work, widget: string, result: SubflowResult): void {
  work.waiting = { widget, for: "effect", timeoutAt: undefined, memo: {} };
  resume(work, { type: "subflowResult", result });
}

/**
 * Run Subflow: inline when the definition is known (one execution, one log, one step budget),
 * else through the subflow adapter. A subflow calling a subflow fails (81024).
 */
function startSubflow(
  work: Work,
  state: State,
  outcome: Extract<Outcome, { type: "subflow" }>,
): string | undefined {
  const definition = work.subflows[outcome.flowSid];
  if (work.parent) {
    const error = `subflow ${work.flowSid} runs subflow ${outcome.flowSid}; Studio allows one nesting level`;
    answerSubflow(work, state.name, { ok: false, error });
    return undefined;
  }
  if (!definition) {
    const request = {
      widget: state.name,
      flowSid: outcome.flowSid,
      revision: outcome.revision,
      parameters: outcome.parameters,
    };
    work.waiting = { widget: state.name, for: "effect", timeoutAt: undefined, memo: {} };
    work.effects.push({ type: "subflow", request });
    return undefined;
  }
  work.parent = { flowSid: work.flowSid, widget: state.name, context: work.context };
  work.flowSid = outcome.flowSid;
  work.context = subflowContext(work.context, work.parent.flowSid, outcome.flowSid, outcome.parameters);
  return definition.initial_state;
}
