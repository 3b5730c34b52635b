import path from "node:path";
import { isCompileError, loadFlowFile, readFlowJson } from "../../compiler";
import { formatIssues, validateDefinition, type ValidationIssue } from "../../validator";
import { listProjectFlows, ProjectError, readProjectSettings } from "../../project";
import { parseSpecArgs } from "../args";
import { specs } from "../specs";
import { type Command } from "../command";
import { CliError } from "../errors";

const usage = specs.validate.usage;

interface Report {
  readonly file: string;
  readonly issues: readonly ValidationIssue[];
}

/**
 * A flow module is compiled first, which validates it; a flow that does not compile reports the
 * compiler's issues.
 */
async function validateModule(file: string, cwd: string): Promise<readonly ValidationIssue[]> {
  try {
    const loaded = loadFlowFile(file, cwd);
    return loaded.kind === "ts" ? loaded.issues : validateDefinition(loaded.definition);
  } catch (error) {
    if (isCompileError(error)) return error.issues;
    throw error;
  }
}

/** A .json file is validated as written, so schema problems come back as issues rather than a throw. */
async function validateFile(file: string, cwd: string): Promise<Report> {
  if (path.extname(file).toLowerCase() !== ".json") return { file, issues: await validateModule(file, cwd) };
  const { value, shown } = readFlowJson(file, cwd);
  return { file: shown, issues: validateDefinition(value) };
}

/** The project's flows: the ones the stack lists, or every file in flows/ (see the project room). */
function projectFiles(cwd: string, stack: string): string[] {
  try {
    return listProjectFlows(readProjectSettings(cwd, stack), cwd).map((flow) => flow.file);
  } catch (error) {
    if (error instanceof ProjectError) throw new CliError(error.message);
    throw error;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `studiokit validate`: every issue of every file; exit 1 when any is an error. */
export const command: Command = {
  name: "validate",
  async run(args, io) {
    const { values, positionals } = parseSpecArgs(args, specs.validate);
    const files = positionals.length > 0 ? positionals : projectFiles(io.cwd, values.stack ?? "dev");
    if (positionals.length > 0 && values.stack !== undefined)
      throw new CliError(`--stack chooses the project's flows; give it without files; usage: ${usage}`);
    const reports: Report[] = [];
    for (const file of files) reports.push(await validateFile(file, io.cwd));
    const all = reports.flatMap((r) => r.issues);
    const errors = all.filter((i) => i.severity === "error").length;
    if (values.json) {
      io.stdout(`${JSON.stringify(reports, null, 2)}\n`);
    } else {
      for (const { file, issues } of reports)
        io.stdout(issues.length > 0 ? `${formatIssues(issues, file)}\n` : `${file}: ok\n`);
      const summary = `${plural(errors, "error")}, ${plural(all.length - errors, "warning")}`;
      io.stdout(`${plural(reports.length, "file")} checked: ${summary}\n`);
    }
    return errors > 0 ? 1 : 0;
  },
};
