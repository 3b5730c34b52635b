import path from "node:path";
import { isCompileError, loadFlowFile, readTextFile } from "../../compiler";
import { type FlowDefinition } from "../../definition";
import { formatIssue } from "../../validator";
import { adaptersFromMocks } from "../../engine";
import { CoverageTracker } from "../coverage";
import { simulatedFlowSid, startExecution, type Execution } from "../../engine";
import { makeSid, type TriggerInput } from "../../engine";
import { describeStep, flowYaml } from "./describe";
import { parseScenarioText, ScenarioFileError, type ParsedScenarioFile } from "./parse";
import { type ScenarioFailure, type ScenarioResult, type TestRunResult } from "./report";
import { isWebhookParameter, type Scenario, type ScenarioTrigger } from "./schema";
import { describeState, runStep, transcriptLines, type Cursors, type Mismatch } from "./steps";

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

function triggerInput(t: ScenarioTrigger): TriggerInput {
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
  readonly execution?: Execution;
}

/** Runs one scenario; an engine error (not a flow behaviour) becomes a failure of the step it hit. */
async function runScenario(
  parsed: ParsedScenarioFile,
  index: number,
  definition: FlowDefinition,
): Promise<Outcome> {
  const scenario: Scenario = parsed.scenarios[index]!;
  const at = (step: number) => ["scenarios", index, ...(step === 0 ? ["trigger"] : ["steps", step - 1])];
  let execution: Execution | undefined;
  const fail = (step: number, text: string, miss: Mismatch): Outcome => ({
    ...(execution ? { execution } : {}),
    failure: {
      step,
      line: parsed.lineOf(at(step)),
      text,
      ...miss,
      transcript: execution ? transcriptLines(execution) : [],
    },
  });
  const stopped = (): Mismatch | undefined =>
    execution?.endReason?.kind === "error"
      ? { expected: "the flow to run", actual: describeState(execution) }
      : undefined;
  try {
    // Counted SIDs: reproducible, and cheaper than the random ones when scenarios run by thousands.
    const executionSid = makeSid("FN", ++executions);
    execution = await startExecution(
      definition,
      triggerInput(scenario.trigger),
      // The file's mocks were checked when it was read: no second parse per run.
      scenario.mocks ? { adapters: adaptersFromMocks(scenario.mocks), executionSid } : { executionSid },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail(0, flowYaml(scenario.trigger), { expected: "the execution to start", actual: message });
  }
  const cursors: Cursors = { send: 0, say: 0 };
  let miss = stopped();
  if (miss) return fail(0, flowYaml(scenario.trigger), miss);
  for (let i = 0; i < scenario.steps.length; i++) {
    const step = scenario.steps[i]!;
    miss = (await runStep(execution, step, cursors)) ?? stopped();
    if (miss) return fail(i + 1, describeStep(step), miss);
  }
  return { execution };
}

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

const flowName = (parsed: ParsedScenarioFile) =>
  path.isAbsolute(parsed.flow) ? parsed.flow : path.posix.join(path.posix.dirname(parsed.file), parsed.flow);

interface LoadedFlow {
  readonly definition: FlowDefinition;
  readonly name: string;
  readonly tracker?: CoverageTracker;
}

/**
 * Runs scenario files: reads and checks them all and loads their flows first (once per flow
 * file), so an unusable file stops the run before any scenario runs; then runs the scenarios in
 * order.
 */
export async function runScenarioFiles(
  sources: readonly ScenarioSource[],
  options: RunScenariosOptions = {},
): Promise<TestRunResult> {
  const parsed = await Promise.all(sources.map(readScenarioFile));
  const flows = new Map<string, LoadedFlow>();
  const flowOf: LoadedFlow[] = [];
  for (const [i, file] of parsed.entries()) {
    const flowPath = path.resolve(path.dirname(sources[i]!.path), file.flow);
    let flow = flows.get(flowPath);
    if (!flow) {
      let definition: FlowDefinition;
      try {
        definition = await (options.loadFlow ?? loadScenarioFlow)(flowPath);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new ScenarioFileError(file.file, file.lineOf(["flow"]), `flow: ${file.flow}: ${message}`);
      }
      const tracker = options.coverage ? { tracker: new CoverageTracker(definition) } : {};
      flow = { definition, name: flowName(file), ...tracker };
      flows.set(flowPath, flow);
    }
    flowOf.push(flow);
  }
  const results: ScenarioResult[] = [];
  for (const [f, file] of parsed.entries()) {
    const flow = flowOf[f]!;
    for (let i = 0; i < file.scenarios.length; i++) {
      const outcome = await runScenario(file, i, flow.definition);
      if (outcome.execution) flow.tracker?.record(outcome.execution.steps, simulatedFlowSid);
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
    coverage: [...flows.values()].flatMap((f) => (f.tracker ? [f.tracker.report(f.name)] : [])),
  };
}
