/**
 * ≥ 100,000 generated and mutated flows with random inputs; every execution must end or
 * wait within Studio's limits without an uncaught error, and the readers the CLI and the local
 * Twilio put before a run (JSON text, validator) answer every text, whole or cut, in one line. `npm run bench -- fuzz [runs] [seed]`.
 */
import fc from "fast-check";
import { emptyFindings, fuzzCase, runCase } from "../test/engine/fuzz-support";

export async function run(args: string[]): Promise<void> {
  const runs = Number(args[0] ?? 100_000);
  const seed = Number(args[1] ?? 1);
  const findings = emptyFindings();
  const started = process.hrtime.bigint();
  await fc.assert(
    fc.asyncProperty(fuzzCase, (c) => runCase(c, findings)),
    { numRuns: runs, seed },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const executions = Object.values(findings.ends).reduce((a, b) => a + b, 0);
  process.stdout.write(
    `fuzz: ${runs} cases (seed ${seed}) in ${seconds.toFixed(1)} s, no uncaught error, every execution ended or waited within limits\n` +
      `  readers (parseJsonText + validateDefinition, as validate/compile/POST /v2/Flows): ${findings.validatorIssues} issues, ${findings.refusedTexts} cut texts refused in one line\n` +
      `  executions: ${executions}, steps: ${findings.steps}, input errors (clear one-line EngineInputError): ${findings.inputErrors}\n` +
      `  endings: ${JSON.stringify(findings.ends)}\n` +
      `  warnings by code: ${JSON.stringify(findings.warnings)}\n`,
  );
}
