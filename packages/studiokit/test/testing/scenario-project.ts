import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { formatFailure, runScenarioFiles, type TestRunResult } from "../../src/testing";

/** The builder's source, for flow modules written by a test (they import it by path). */
export const builderPath = JSON.stringify(path.resolve(__dirname, "..", "..", "src", "builder"));

/**
 * A folder of flows and scenario files written by a test, run as `studiokit test` runs them
 * (flows loaded from disk: `.json` parsed, `.ts` compiled). Removed after the test file.
 */
export function scenarioProject(files: Readonly<Record<string, string | object>>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-scenario-project-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string | object) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  };
  for (const [name, content] of Object.entries(files)) write(name, content);
  return {
    dir,
    write,
    /** Runs scenario files (relative names), with coverage. */
    run: (...names: string[]): Promise<TestRunResult> =>
      runScenarioFiles(
        names.map((file) => ({ file, path: path.join(dir, file) })),
        { coverage: true },
      ),
  };
}

/** The failure reports of a run, as `studiokit test` prints them. */
export const reports = (run: TestRunResult): string =>
  run.results
    .filter((r) => !r.passed)
    .map(formatFailure)
    .join("\n");

export const contact = "+15558675310";
export const twilio = "+15017122661";
export const smsTrigger = (body = "hi") =>
  `{ event: incomingMessage, from: "${contact}", to: "${twilio}", body: "${body}" }`;
export const callTrigger = `{ event: incomingCall, from: "${contact}", to: "${twilio}" }`;
