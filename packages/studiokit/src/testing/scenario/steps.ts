import { isDeepStrictEqual } from "node:util";
import { type EndReason, type JsonObject, type TranscriptEntry } from "../../engine";
import { flowYaml } from "./describe";
import { describeRequest, describeRequestMatcher, requestMismatch, type OutgoingRequest } from "./request";
import { type EventStep, type Expectation, type RequestMatcher, type Step, type TextMatcher } from "./schema";
import { describeEntry, describeTextMatcher, matchesText } from "./text";

/** What a scenario needs of a running execution (the engine's `Execution` satisfies it). */
export interface DrivenExecution {
  readonly status: string;
  readonly waitingAt: string | undefined;
  readonly transcript: readonly TranscriptEntry[];
  readonly variables: JsonObject;
  readonly endReason?: EndReason | undefined;
  reply(body: string): Promise<unknown>;
  press(digits: string): Promise<unknown>;
  speak(text: string): Promise<unknown>;
  hangup(): Promise<unknown>;
  deliveryFailure(): Promise<unknown>;
  wait(seconds: number): Promise<unknown>;
}

/** What a scenario step drives: the executions of one scenario (`ScenarioSession`). */
export interface ScenarioTarget extends DrivenExecution {
  readonly requests: readonly OutgoingRequest[];
  readonly executionNumber: number;
  callEvent(event: string, params?: JsonObject): Promise<unknown>;
  waitingEvents(): { widget: string; type: string; events: readonly string[] } | undefined;
}

/** Why a step failed, in the words of the report. */
export interface Mismatch {
  readonly expected: string;
  readonly actual: string;
}

/** How far `expect: { send }`, `{ say }` and `{ request }` have read. */
export interface Cursors {
  send: number;
  say: number;
  request: number;
}

/** `waiting at ask_name`, `ended`, `ended with an error: …`. */
export function describeState(
  execution: Pick<DrivenExecution, "status" | "waitingAt" | "endReason">,
): string {
  if (execution.status !== "ended")
    return execution.waitingAt === undefined ? execution.status : `waiting at ${execution.waitingAt}`;
  const reason = execution.endReason;
  if (reason?.kind === "error") return `ended with an error: ${reason.message}`;
  if (reason?.kind === "limit") return `ended by Studio's limit ${reason.code}: ${reason.message}`;
  if (reason?.kind === "expired") return `ended after 30 days waiting at ${reason.widget}`;
  return "ended";
}

/** The conversation so far, a line an entry, ending with where the execution stands (for failures). */
export function transcriptLines(
  execution: Pick<DrivenExecution, "transcript" | "status" | "waitingAt" | "endReason">,
): string[] {
  return [...execution.transcript.map(describeEntry), `(${describeState(execution)})`];
}

/** The text of a message sent (`send`) or a `say`, when `entry` is one of that kind. */
export function spokenText(entry: TranscriptEntry | undefined, kind: "send" | "say"): string | undefined {
  if (entry?.kind === "send" && kind === "send") return entry.body;
  return entry?.kind === "say" && kind === "say" ? entry.text : undefined;
}

function expectNext(
  execution: DrivenExecution,
  cursors: Cursors,
  kind: "send" | "say",
  matcher: TextMatcher,
): Mismatch | undefined {
  const entries = execution.transcript;
  let i = cursors[kind];
  while (i < entries.length && entries[i]?.kind !== kind) i++;
  const entry = entries[i];
  cursors[kind] = i + 1;
  const text = spokenText(entry, kind);
  if (text !== undefined && matchesText(matcher, text)) return undefined;
  const [verb, past] = kind === "send" ? ["send", "sent"] : ["say", "said"];
  return {
    expected: `the flow to ${verb} ${describeTextMatcher(matcher)}`,
    actual:
      entry?.kind === "send" || entry?.kind === "say"
        ? `${entry.widget} ${past} ${JSON.stringify(text)}`
        : `nothing more was ${past}; ${describeState(execution)}`,
  };
}

function expectVariables(execution: DrivenExecution, subset: JsonObject): Mismatch | undefined {
  const vars = execution.variables;
  const wrong = Object.keys(subset).filter((k) => !(k in vars) || !isDeepStrictEqual(vars[k], subset[k]));
  if (wrong.length === 0) return undefined;
  const set = wrong.filter((k) => k in vars);
  const unset = wrong.filter((k) => !(k in vars));
  const actual = [
    ...(set.length > 0
      ? [`flow.variables ${flowYaml(Object.fromEntries(set.map((k) => [k, vars[k]])))}`]
      : []),
    ...(unset.length > 0 ? [`${unset.join(", ")} not set`] : []),
  ];
  const want = Object.fromEntries(wrong.map((k) => [k, subset[k]]));
  return { expected: `flow.variables ${flowYaml(want)}`, actual: actual.join("; ") };
}

function expectRequest(
  target: ScenarioTarget,
  cursors: Cursors,
  matcher: RequestMatcher,
): Mismatch | undefined {
  const request = target.requests[cursors.request];
  cursors.request += 1;
  const expected = `the flow to send ${describeRequestMatcher(matcher)}`;
  if (!request) return { expected, actual: `no more requests were sent; ${describeState(target)}` };
  const miss = requestMismatch(matcher, request);
  return miss === undefined ? undefined : { expected, actual: `${describeRequest(request)}: ${miss}` };
}

function check(execution: ScenarioTarget, e: Expectation, cursors: Cursors): Mismatch | undefined {
  if (e.execution !== undefined && execution.executionNumber !== e.execution)
    return {
      expected: `execution ${e.execution}`,
      actual: `execution ${execution.executionNumber}, ${describeState(execution)}`,
    };
  if (e.request !== undefined) {
    const miss = expectRequest(execution, cursors, e.request);
    if (miss) return miss;
  }
  if (e.send !== undefined) {
    const miss = expectNext(execution, cursors, "send", e.send);
    if (miss) return miss;
  }
  if (e.say !== undefined) {
    const miss = expectNext(execution, cursors, "say", e.say);
    if (miss) return miss;
  }
  if (e.widget !== undefined && (execution.status === "ended" || execution.waitingAt !== e.widget))
    return { expected: `waiting at ${e.widget}`, actual: describeState(execution) };
  if (e.variables !== undefined) {
    const miss = expectVariables(execution, e.variables);
    if (miss) return miss;
  }
  if (e.ended !== undefined && (execution.status === "ended") !== e.ended)
    return { expected: e.ended ? "ended" : "not ended", actual: describeState(execution) };
  return undefined;
}

/**
 * `event:` hands an event from Twilio to the waiting widget. A widget that does not wait, or
 * cannot take that event from outside, fails the step (rather than the 81002 being ignored).
 */
async function fireEvent(execution: ScenarioTarget, step: EventStep): Promise<Mismatch | undefined> {
  const { name, params } = typeof step === "string" ? { name: step, params: undefined } : step;
  const waiting = execution.waitingEvents();
  const expected = `the waiting widget to take the event ${name}`;
  if (!waiting) return { expected, actual: describeState(execution) };
  const before = execution.transcript.length;
  await execution.callEvent(name, params);
  const ignored = execution.transcript
    .slice(before)
    .find((entry) => entry.kind === "warning" && entry.code === "81002");
  if (!ignored) return undefined;
  const events = waiting.events.length > 0 ? waiting.events.join(", ") : "none studiokit knows";
  return {
    expected,
    actual: waiting.events.includes(name)
      ? `${waiting.widget} (${waiting.type}) takes ${name} from the contact, the call or the clock, not as an event: use reply, press, speak, hangup, deliveryFailure or wait`
      : `${waiting.widget} (${waiting.type}) has no event ${name}; its events: ${events}`,
  };
}

/**
 * Runs one step: an action on the execution, or a check. Returns why it failed, if it did; a
 * check answers at once (no promise: scenarios run by the thousand), an action once it is done.
 */
export function runStep(
  execution: ScenarioTarget,
  step: Step,
  cursors: Cursors,
): Mismatch | undefined | Promise<Mismatch | undefined> {
  if (step.expect !== undefined) return check(execution, step.expect, cursors);
  if (step.event !== undefined) return fireEvent(execution, step.event);
  return act(execution, step)?.then(noMismatch);
}

const noMismatch = (): undefined => undefined;

function act(execution: ScenarioTarget, step: Step): Promise<unknown> | undefined {
  if (step.reply !== undefined) return execution.reply(step.reply);
  if (step.wait !== undefined) return execution.wait(step.wait);
  if (step.press !== undefined) return execution.press(step.press);
  if (step.speak !== undefined) return execution.speak(step.speak);
  if (step.hangup !== undefined) return execution.hangup();
  if (step.deliveryFailure !== undefined) return execution.deliveryFailure();
  return undefined;
}
