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
import { parseSpecArgs } from "../args";
import { specs } from "../specs";
import { type Command } from "../command";
import { CliError } from "../errors";
import { findScenarioFiles } from "../scenario-files";

export const command: Command = {
  name: "test",
  async run(args, io) {
    const { values, positionals } = parseSpecArgs(args, specs.test);
    const json = values.json === true;
    const files = await findScenarioFiles(positionals, io.cwd);
    const printFailure = (result: ScenarioResult) => {
      if (!result.passed) io.stdout(`${formatFailure(result)}\n`);
    };
    let run;
    try {
      run = await runScenarioFiles(files, {
        loadFlow: (file) => loadScenarioFlow(path.relative(io.cwd, file), io.cwd),
        coverage: values.coverage === true,
        ...(json ? {} : { onResult: printFailure }),
      });
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
