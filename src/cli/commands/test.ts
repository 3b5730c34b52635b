import path from "node:path";
import {
  formatCoverage,
  formatFailure,
  runScenarioFiles,
  ScenarioFileError,
  summaryLine,
  type ScenarioResult,
} from "../../engine";
import { isCompileError } from "../../compiler";
import { formatIssue } from "../../validator";
import { parseCommandArgs } from "../args";
import { type Command } from "../command";
import { CliError } from "../errors";
import { loadFlowFile } from "../load-flow";
import { findScenarioFiles } from "../scenario-files";

/**
 * The flow a scenario file names (a relative name keeps the one-line errors short). A module that
 * does not compile is reported by its first error, on one line like every unusable input.
 */
async function loadFlow(file: string, cwd: string) {
  try {
    return (await loadFlowFile(file, cwd)).definition;
  } catch (error) {
    if (!isCompileError(error)) throw error;
    const errors = error.issues.filter((issue) => issue.severity === "error");
    const [first] = errors;
    if (!first) throw error;
    const more =
      errors.length > 1 ? ` (and ${errors.length - 1} more; studiokit validate ${file} lists them)` : "";
    throw new CliError(`${formatIssue(first)}${more}`);
  }
}

const usage = "studiokit test [paths or globs...] [--coverage] [--json]";

export const testCommand: Command = {
  name: "test",
  summary: "run scenario files (*.scenarios.yaml) against their flows; exit 0 only when all pass",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { coverage: { type: "boolean" }, json: { type: "boolean" } },
      usage,
    );
    const json = values.json === true;
    const files = await findScenarioFiles(positionals, io.cwd);
    const printFailure = (result: ScenarioResult) => {
      if (!result.passed) io.stdout(`${formatFailure(result)}\n`);
    };
    let run;
    try {
      run = await runScenarioFiles(
        files.map((file) => ({ file, path: path.resolve(io.cwd, file) })),
        {
          loadFlow: (file) => loadFlow(path.relative(io.cwd, file), io.cwd),
          coverage: values.coverage === true,
          ...(json ? {} : { onResult: printFailure }),
        },
      );
    } catch (error) {
      if (error instanceof ScenarioFileError) throw new CliError(error.message);
      throw error;
    }
    if (json) {
      const { coverage, ...rest } = run;
      io.stdout(`${JSON.stringify(values.coverage ? { ...rest, coverage } : rest, null, 2)}\n`);
    } else {
      if (values.coverage) io.stdout(formatCoverage(run.coverage));
      io.stdout(summaryLine(run));
    }
    return run.failed === 0 ? 0 : 1;
  },
};
