import path from "node:path";
import {
  formatCoverage,
  formatFailure,
  loadScenarioFlow,
  runScenarioFiles,
  ScenarioFileError,
  summaryLine,
  type FlowCoverage,
  type ScenarioResult,
} from "../../testing";
import { parseSpecArgs } from "../args";
import { specs } from "../specs";
import { type Command } from "../command";
import { CliError } from "../errors";
import { findScenarioFiles } from "../scenario-files";
import { firstTypeError, typeErrors } from "../typecheck";

/** `--min-coverage`: a percentage from 0 to 100. */
function minimumCoverage(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.trim().replace(/%$/, ""));
  if (text.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100)
    throw new CliError(`--min-coverage takes a percentage from 0 to 100, such as 80; got "${text}"`);
  return n;
}

/** One line per flow whose widget or transition coverage is below `min` percent. */
function belowMinimum(flows: readonly FlowCoverage[], min: number): string[] {
  const lines: string[] = [];
  for (const c of flows)
    for (const [what, part, total] of [
      ["widgets", c.widgets.reached, c.widgets.total],
      ["transitions", c.transitions.taken, c.transitions.total],
    ] as const) {
      const percent = total === 0 ? 100 : (part / total) * 100;
      if (percent < min)
        lines.push(
          `coverage below --min-coverage ${min}%: ${c.flow} ${what} ${part}/${total} (${Math.floor(percent)}%)`,
        );
    }
  return lines;
}

export const command: Command = {
  name: "test",
  async run(args, io) {
    const { values, positionals } = parseSpecArgs(args, specs.test);
    const json = values.json === true;
    const min = minimumCoverage(values["min-coverage"]);
    const files = await findScenarioFiles(positionals, io.cwd);
    const printFailure = (result: ScenarioResult) => {
      if (!result.passed) io.stdout(`${formatFailure(result)}\n`);
    };
    let run;
    try {
      run = await runScenarioFiles(files, {
        loadFlow: (file) => {
          const shown = path.relative(io.cwd, file);
          // A flow with type errors is not run: the scenario file fails with the first one.
          const typed = typeErrors([shown], io.cwd, values["no-typecheck"] !== true).get(shown) ?? [];
          if (typed.length > 0) throw new Error(firstTypeError(shown, typed, io.cwd));
          return loadScenarioFlow(shown, io.cwd);
        },
        coverage: values.coverage === true || min !== undefined,
        ...(json ? {} : { onResult: printFailure }),
      });
    } catch (error) {
      if (error instanceof ScenarioFileError) throw new CliError(error.message);
      throw error;
    }
    const below = min === undefined ? [] : belowMinimum(run.coverage, min);
    if (json) {
      const { coverage, ...rest } = run;
      const shown = values.coverage || min !== undefined ? { ...rest, coverage } : rest;
      io.stdout(
        `${JSON.stringify(min === undefined ? shown : { ...shown, belowMinCoverage: below }, null, 2)}\n`,
      );
    } else {
      if (values.coverage) io.stdout(formatCoverage(run.coverage));
      for (const line of below) io.stdout(`${line}\n`);
      io.stdout(summaryLine(run));
    }
    return run.failed === 0 && below.length === 0 ? 0 : 1;
  },
};
