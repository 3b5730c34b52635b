import fs from "node:fs";
import path from "node:path";
import { parseJsonText } from "../../definition";
import { isCompileError } from "../../compiler";
import { formatIssues, validateDefinition, type ValidationIssue } from "../../validator";
import { listProjectFlows, ProjectError, readProjectSettings } from "../../project";
import { parseSpecArgs } from "../args";
import { specs } from "../specs";
import { type Command } from "../command";
import { CliError } from "../errors";
import { loadFlowFile } from "../../compiler";

const usage = specs.validate.usage;

interface Report {
  readonly file: string;
  readonly issues: readonly ValidationIssue[];
}

/** A .json file is validated as written, so schema problems come back as issues rather than a throw. */
function readJson(file: string, cwd: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError(`${file}: no such file`);
    if (code === "EISDIR") throw new CliError(`${file}: is a directory, not a flow file`);
    throw new CliError(`${file}: cannot read: ${code ?? String(error)}`);
  }
  const json = parseJsonText(text);
  if (!json.ok) throw new CliError(`${file}: ${json.message}`);
  return json.value;
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

async function validateFile(file: string, cwd: string): Promise<Report> {
  const issues =
    path.extname(file).toLowerCase() === ".json"
      ? validateDefinition(readJson(file, cwd))
      : await validateModule(file, cwd);
  return { file, issues };
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
