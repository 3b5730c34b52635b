import { type FlowCoverage } from "../coverage";

/** A failed step: where it is, what it wanted, what happened, and the conversation so far. */
export interface ScenarioFailure {
  /**
   * 1-based index in `steps`; 0 when the execution failed before the first step; one past the
   * last step for a check after the last one (`strict: true`, whose line it then names).
   */
  readonly step: number;
  /** 1-based line of the step (of the scenario's trigger when `step` is 0) in the scenario file. */
  readonly line: number;
  /** The step as written, `expect: { send: "🤖" }`; the trigger for step 0. */
  readonly text: string;
  readonly expected: string;
  readonly actual: string;
  /** One line per transcript entry, then where the execution is. */
  readonly transcript: readonly string[];
}

export interface ScenarioResult {
  /** The scenario file, as the caller named it. */
  readonly file: string;
  readonly scenario: string;
  readonly passed: boolean;
  readonly failure?: ScenarioFailure;
}

export interface TestRunResult {
  readonly passed: number;
  readonly failed: number;
  readonly results: readonly ScenarioResult[];
  /** Per flow, in the order flows were first used; empty unless coverage was asked for. */
  readonly coverage: readonly FlowCoverage[];
}

/**
 * ```
 * FAIL flows/bots.scenarios.yaml › a yes gets a robot
 *   step 3 (line 9): expect: { send: "🤖" }
 *     expected: the flow to send "🤖"
 *     actual:   send_message_3 sent "👽"
 *   transcript so far:
 *     send_and_reply_1 sent "Hi, do you like bots?"
 *     …
 * ```
 */
export function formatFailure(result: ScenarioResult): string {
  const f = result.failure;
  const head = `FAIL ${result.file} › ${result.scenario}\n`;
  if (!f) return head;
  const where = f.step === 0 ? `trigger (line ${f.line})` : `step ${f.step} (line ${f.line})`;
  return (
    head +
    `  ${where}: ${f.text}\n` +
    `    expected: ${f.expected}\n` +
    `    actual:   ${f.actual}\n` +
    `  transcript so far:\n` +
    f.transcript.map((line) => `    ${line}\n`).join("")
  );
}

/** The closing line every runner prints. */
export const summaryLine = (run: Pick<TestRunResult, "passed" | "failed">) =>
  `${run.passed} passed, ${run.failed} failed\n`;
