import path from "node:path";
import { isCompileError, loadFlowFile, readTextFile } from "../../compiler";
import { formatPath, type FlowDefinition } from "../../definition";
import { formatIssue } from "../../validator";
import {
  adaptersFromMocks,
  makeSid,
  simulatedFlowSid,
  startExecution,
  type TranscriptEntry,
  type TriggerInput,
} from "../../engine";
import { CoverageTracker } from "../coverage";
import { describeStep, flowYaml } from "./describe";
import { parseScenarioText, ScenarioFileError, type ParsedScenarioFile } from "./parse";
import { type ScenarioFailure, type ScenarioResult, type TestRunResult } from "./report";
import { isWebhookParameter, type Scenario, type ScenarioTrigger } from "./schema";
import { ScenarioSession, type StartExecution } from "./session";
import { describeState, runStep, transcriptLines, type Cursors, type Mismatch } from "./steps";
import { describeEntry } from "./text";

export interface ScenarioSource {
  /** How messages name the file (usually relative to the working directory). */
  readonly file: string;
  /** Where it is on disk. */
  readonly path: string;
}

export interface RunScenariosOptions {
  /**
   * Loads the flow a scenario file names, given its absolute path (default: `loadScenarioFlow`,
   * a `.json` definition or a builder module compiled).
   */
  readonly loadFlow?: (file: string) => Promise<FlowDefinition> | FlowDefinition;
  /** Collect per-flow coverage into the result. */
  readonly coverage?: boolean;
  /** Called after each scenario, e.g. to print failures as they happen. */
  readonly onResult?: (result: ScenarioResult) => void;
}

/** Reads and checks a scenario file; every problem is a one-line ScenarioFileError. */
export async function readScenarioFile(source: ScenarioSource): Promise<ParsedScenarioFile> {
  const read = readTextFile(source.path, process.cwd(), "a scenario file");
  if (!("text" in read)) throw new ScenarioFileError(source.file, undefined, read.reason);
  return parseScenarioText(read.text, source.file);
}

/** Twilio webhook parameters written in the trigger (`FromCity`…), already checked to be text. */
function webhookParameters(t: ScenarioTrigger): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(t))
    if (isWebhookParameter(key) && typeof value === "string") out[key] = value;
  return out;
}

/**
 * The engine's trigger for a scenario's, made once per trigger object: scenario files share one
 * object among the scenarios that write the same trigger (plain.ts), and the engine does not
 * change what it is given.
 */
const triggerInputs = new WeakMap<ScenarioTrigger, TriggerInput>();
function triggerInput(t: ScenarioTrigger): TriggerInput {
  let input = triggerInputs.get(t);
  if (!input) triggerInputs.set(t, (input = makeTriggerInput(t)));
  return input;
}

function makeTriggerInput(t: ScenarioTrigger): TriggerInput {
  const { event, body, parameters } = t;
  // The schema requires from and to for every event but incomingParent.
  const from = t.from ?? "";
  const to = t.to ?? "";
  switch (event) {
    case "incomingMessage":
    case "incomingConversationMessage":
      return { ...webhookParameters(t), event, from, to, ...(body === undefined ? {} : { body }) };
    case "incomingCall":
      return { ...webhookParameters(t), event, from, to };
    case "incomingRequest":
      return parameters === undefined ? { event, from, to } : { event, from, to, parameters };
    case "incomingParent":
      return {
        event,
        ...(t.from === undefined ? {} : { from: t.from }),
        ...(t.to === undefined ? {} : { to: t.to }),
        ...(parameters === undefined ? {} : { parameters }),
      };
  }
}

let executions = 0;

interface Outcome {
  readonly failure?: ScenarioFailure;
  readonly session?: ScenarioSession;
}

/** The flows a scenario file runs: its flow and the Subflows it names, by flow SID. */
interface FileFlows {
  readonly definition: FlowDefinition;
  readonly subflows: Readonly<Record<string, FlowDefinition>>;
}

/** `subflows` without the ones the scenario stubs in `mocks.subflows` (a stub wins). */
function realSubflows(flows: FileFlows, scenario: Scenario): Readonly<Record<string, FlowDefinition>> {
  const stubbed = scenario.mocks?.subflows;
  if (!stubbed || stubbed.length === 0) return flows.subflows;
  const out = { ...flows.subflows };
  for (const mock of stubbed) delete out[mock.flow_sid];
  return out;
}

/** The first message sent or text said that no `expect` read (for `strict: true`). */
function unexpected(session: ScenarioSession, cursors: Cursors): TranscriptEntry | undefined {
  const entries = session.transcript;
  const from = Math.min(cursors.send, cursors.say);
  for (let i = from; i < entries.length; i++) {
    const entry = entries[i]!;
    if ((entry.kind === "send" && i >= cursors.send) || (entry.kind === "say" && i >= cursors.say))
      return entry;
  }
  return undefined;
}

/** The failure of step `step` (0: the trigger; one past the last: `strict`) of a scenario. */
function failed(
  parsed: ParsedScenarioFile,
  index: number,
  session: ScenarioSession | undefined,
  step: number,
  text: string,
  miss: Mismatch,
): Outcome {
  const at =
    step > parsed.scenarios[index]!.steps.length
      ? ["strict"]
      : ["scenarios", index, ...(step === 0 ? ["trigger"] : ["steps", step - 1])];
  return {
    ...(session ? { session } : {}),
    failure: {
      step,
      line: parsed.lineOf(at),
      text,
      ...miss,
      transcript: session ? transcriptLines(session) : [],
    },
  };
}

/** An execution that ended with an error fails the step that got it there. */
const stopped = (session: ScenarioSession): Mismatch | undefined =>
  session.endReason?.kind === "error"
    ? { expected: "the flow to run", actual: describeState(session) }
    : undefined;

/** Runs one scenario; an engine error (not a flow behaviour) becomes a failure of the step it hit. */
async function runScenario(parsed: ParsedScenarioFile, index: number, flows: FileFlows): Promise<Outcome> {
  const scenario: Scenario = parsed.scenarios[index]!;
  const subflows = realSubflows(flows, scenario);
  const start: StartExecution = (trigger, adapters) => {
    // Counted SIDs: reproducible, and cheaper than the random ones when scenarios run by thousands.
    const executionSid = makeSid("FN", ++executions);
    return startExecution(
      flows.definition,
      trigger,
      subflows === noSubflows ? { adapters, executionSid } : { adapters, executionSid, subflows },
    );
  };
  let session: ScenarioSession;
  try {
    // The file's mocks were checked when it was read: no second parse per run.
    const adapters = scenario.mocks ? adaptersFromMocks(scenario.mocks) : defaultAdapters;
    session = await ScenarioSession.open(start, triggerInput(scenario.trigger), subflows, adapters);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const miss = { expected: "the execution to start", actual: message };
    return failed(parsed, index, undefined, 0, flowYaml(scenario.trigger), miss);
  }
  const cursors: Cursors = { send: 0, say: 0, request: 0 };
  let miss = stopped(session);
  if (miss) return failed(parsed, index, session, 0, flowYaml(scenario.trigger), miss);
  for (let i = 0; i < scenario.steps.length; i++) {
    const step = scenario.steps[i]!;
    try {
      const ran = runStep(session, step, cursors);
      miss = (ran instanceof Promise ? await ran : ran) ?? stopped(session);
    } catch (error) {
      miss = { expected: "the step to run", actual: error instanceof Error ? error.message : String(error) };
    }
    if (miss) return failed(parsed, index, session, i + 1, describeStep(step), miss);
  }
  const extra = parsed.strict ? unexpected(session, cursors) : undefined;
  if (extra) {
    const what = extra.kind === "send" ? "no step expected this message" : "no step expected this text";
    const miss = { expected: what, actual: describeEntry(extra) };
    return failed(parsed, index, session, scenario.steps.length + 1, "strict: true", miss);
  }
  return { session };
}

const noSubflows: Readonly<Record<string, FlowDefinition>> = {};
const defaultAdapters = adaptersFromMocks({});

/** The flow's name in reports: its path as written, joined to the scenario file's folder. */
/**
 * The flow a scenario file names: a `.json` definition, or a builder module compiled. A module
 * that does not compile is reported by its first error, on one line like every unusable input.
 */
export function loadScenarioFlow(file: string, cwd = process.cwd()): FlowDefinition {
  try {
    return loadFlowFile(file, cwd).definition;
  } catch (error) {
    if (!isCompileError(error)) throw error;
    const errors = error.issues.filter((issue) => issue.severity === "error");
    const [first] = errors;
    if (!first) throw error;
    const shown = path.isAbsolute(file) ? path.relative(cwd, file) : file;
    const more =
      errors.length > 1 ? ` (and ${errors.length - 1} more; studiokit validate ${shown} lists them)` : "";
    throw new Error(`${formatIssue(first)}${more}`);
  }
}

/** A flow's name in reports: its path as written, joined to the scenario file's folder. */
const flowName = (parsed: ParsedScenarioFile, written: string) =>
  path.isAbsolute(written) ? written : path.posix.join(path.posix.dirname(parsed.file), written);

interface LoadedFlow {
  readonly definition: FlowDefinition;
  readonly name: string;
  readonly tracker?: CoverageTracker;
}

/** A scenario file with its flow and Subflows loaded. */
interface Prepared {
  readonly file: ParsedScenarioFile;
  readonly flow: LoadedFlow;
  readonly subflows: ReadonlyArray<readonly [sid: string, flow: LoadedFlow]>;
  readonly flows: FileFlows;
}

/**
 * Runs scenario files: reads and checks them all and loads their flows and Subflows first (once
 * per flow file), so an unusable file stops the run before any scenario runs; then runs the
 * scenarios in order. Coverage is kept per flow file, a Subflow's from the steps it ran.
 */
export async function runScenarioFiles(
  sources: readonly ScenarioSource[],
  options: RunScenariosOptions = {},
): Promise<TestRunResult> {
  const parsed = await Promise.all(sources.map(readScenarioFile));
  const loaded = new Map<string, LoadedFlow>();
  const load = async (file: ParsedScenarioFile, dir: string, written: string, at: PropertyKey[]) => {
    const flowPath = path.resolve(dir, written);
    let flow = loaded.get(flowPath);
    if (!flow) {
      let definition: FlowDefinition;
      try {
        definition = await (options.loadFlow ?? loadScenarioFlow)(flowPath);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new ScenarioFileError(file.file, file.lineOf(at), `${formatPath(at)}: ${written}: ${message}`);
      }
      const tracker = options.coverage ? { tracker: new CoverageTracker(definition) } : {};
      flow = { definition, name: flowName(file, written), ...tracker };
      loaded.set(flowPath, flow);
    }
    return flow;
  };
  const prepared: Prepared[] = [];
  for (const [i, file] of parsed.entries()) {
    const dir = path.dirname(sources[i]!.path);
    const flow = await load(file, dir, file.flow, ["flow"]);
    const subflows: Array<readonly [string, LoadedFlow]> = [];
    for (const [sid, written] of Object.entries(file.subflows))
      subflows.push([sid, await load(file, dir, written, ["subflows", sid])]);
    const definitions = Object.fromEntries(subflows.map(([sid, f]) => [sid, f.definition]));
    prepared.push({
      file,
      flow,
      subflows,
      flows: { definition: flow.definition, subflows: subflows.length === 0 ? noSubflows : definitions },
    });
  }
  const results: ScenarioResult[] = [];
  for (const { file, flow, subflows, flows } of prepared) {
    for (let i = 0; i < file.scenarios.length; i++) {
      const outcome = await runScenario(file, i, flows);
      if (outcome.session && options.coverage)
        for (const execution of outcome.session.executions) {
          flow.tracker?.record(execution.steps, simulatedFlowSid);
          for (const [sid, sub] of subflows)
            if (execution.steps.some((step) => step.flow_sid === sid))
              sub.tracker?.record(execution.steps, sid);
        }
      const result: ScenarioResult = {
        file: file.file,
        scenario: file.scenarios[i]!.name,
        passed: !outcome.failure,
        ...(outcome.failure ? { failure: outcome.failure } : {}),
      };
      results.push(result);
      options.onResult?.(result);
    }
  }
  const failed = results.filter((r) => !r.passed).length;
  return {
    passed: results.length - failed,
    failed,
    results,
    coverage: [...loaded.values()].flatMap((f) => (f.tracker ? [f.tracker.report(f.name)] : [])),
  };
}
