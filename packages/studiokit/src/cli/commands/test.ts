import path from "node:path";
import {
  formatCoverage,
  formatFailure,
  loadScenarioFlow,
  runScenarioFiles,
  ScenarioFileError,
  summaryLine,
  type ScenarioResult,
} from "../../testing";
import { parseCommandArgs } from "../args";
import { type Command } from "../command";
import { CliError } from "../errors";
import { findScenarioFiles } from "../scenario-files";

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
          loadFlow: (file) => loadScenarioFlow(path.relative(io.cwd, file), io.cwd),
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
