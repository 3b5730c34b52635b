import path from "node:path";
import { z } from "zod";
import type * as Compiler from "../../compiler";
import { readFlowJson, type TypeIssue } from "../../compiler/reading";
import { failingIssues, formatIssues, validateDefinition, type ValidationIssue } from "../../validator";
import { parseSpecArgs } from "../args";
import { specs } from "../specs";
import { type Command } from "../command";
import { CliError } from "../errors";

const usage = specs.validate.usage;

interface Report {
  readonly file: string;
  /** The module's type errors: a module with type errors is not loaded. */
  readonly typeErrors: readonly TypeIssue[];
  readonly issues: readonly ValidationIssue[];
}

/**
 * What flow modules need: the compiler (which loads the builder) and the type check (TypeScript
 * and its cache). Loaded only when a file is not `.json`: `.json` files need the compiler's narrow
 * door alone (ARCHITECTURE.md), which keeps `studiokit validate flow.json` quick to start.
 */
async function moduleTools() {
  const [compiler, types] = await Promise.all([import("../../compiler/index.js"), import("../typecheck.js")]);
  return { compiler, types };
}

/**
 * A flow module is compiled first, which validates it; a flow that does not compile reports the
 * compiler's issues.
 */
function validateModule(compiler: typeof Compiler, file: string, cwd: string): readonly ValidationIssue[] {
  const { isCompileError, loadFlowFile } = compiler;
  try {
    const loaded = loadFlowFile(file, cwd);
    return loaded.kind === "ts" ? loaded.issues : validateDefinition(loaded.definition);
  } catch (error) {
    if (isCompileError(error)) return error.issues;
    throw error;
  }
}

/** A .json file is validated as written, so schema problems come back as issues rather than a throw. */
function validateFile(
  file: string,
  cwd: string,
  typed: readonly TypeIssue[],
  compiler: typeof Compiler | undefined,
): Report {
  if (typed.length > 0) return { file, typeErrors: typed, issues: [] };
  // The compiler is loaded whenever a file is not .json (see moduleTools).
  if (compiler !== undefined && !isJson(file))
    return { file, typeErrors: [], issues: validateModule(compiler, file, cwd) };
  const { value, shown } = readFlowJson(file, cwd);
  return { file: shown, typeErrors: [], issues: validateDefinition(value) };
}

/**
 * The project's flows: the ones the stack lists, or every file in flows/ (see the project room).
 * The room (and the YAML parser it reads stack settings with) is loaded only here: files named on
 * the command line do not need it.
 */
async function projectFiles(cwd: string, stack: string): Promise<string[]> {
  const { listProjectFlows, ProjectError, readProjectSettings } = await import("../../project/index.js");
  try {
    return listProjectFlows(readProjectSettings(cwd, stack), cwd).map((flow) => flow.file);
  } catch (error) {
    if (error instanceof ProjectError) throw new CliError(error.message);
    throw error;
  }
}

const isJson = (file: string) => path.extname(file).toLowerCase() === ".json";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The report as JSON: type errors with paths relative to the working directory. */
const jsonReport = ({ file, typeErrors: typed, issues }: Report, cwd: string) => ({
  file,
  ...(typed.length > 0
    ? { typeErrors: typed.map((issue) => ({ ...issue, file: path.relative(cwd, issue.file) || issue.file })) }
    : {}),
  issues,
});

/** `studiokit validate`: every issue of every file; exit 1 when any is an error (or a warning, --strict). */
export const command: Command = {
  name: "validate",
  async run(args, io) {
    // Each schema parses a handful of values once here: zod's compiled fast path (a function built
    // with eval per object schema) costs more to build than it saves, about 2.5 MiB at start-up.
    z.config({ jitless: true });
    const { values, positionals } = parseSpecArgs(args, specs.validate);
    const files = positionals.length > 0 ? positionals : await projectFiles(io.cwd, values.stack ?? "dev");
    if (positionals.length > 0 && values.stack !== undefined)
      throw new CliError(`--stack chooses the project's flows; give it without files; usage: ${usage}`);
    const tools = files.every(isJson) ? undefined : await moduleTools();
    const typed = tools?.types.typeErrors(files, io.cwd, values["no-typecheck"] !== true);
    const reports = files.map((file) => validateFile(file, io.cwd, typed?.get(file) ?? [], tools?.compiler));
    const all = reports.flatMap((r) => r.issues);
    const typeErrorCount = reports.reduce((n, r) => n + r.typeErrors.length, 0);
    const errors = all.filter((i) => i.severity === "error").length + typeErrorCount;
    const failing = failingIssues(all, { strict: values.strict }).length + typeErrorCount;
    if (values.json) {
      io.stdout(
        `${JSON.stringify(
          reports.map((r) => jsonReport(r, io.cwd)),
          null,
          2,
        )}\n`,
      );
    } else {
      for (const report of reports) {
        const lines = [
          // Type errors come from the type check, so `tools` is loaded when there are any.
          ...(tools && report.typeErrors.length > 0
            ? [tools.types.formatTypeErrors(report.typeErrors, io.cwd)]
            : []),
          ...(report.issues.length > 0 ? [formatIssues(report.issues, report.file)] : []),
        ];
        io.stdout(lines.length > 0 ? `${lines.join("\n")}\n` : `${report.file}: ok\n`);
      }
      const warnings = all.length + typeErrorCount - errors;
      const strict = values.strict && warnings > 0 ? " (--strict: warnings fail)" : "";
      io.stdout(
        `${plural(reports.length, "file")} checked: ${plural(errors, "error")}, ${plural(warnings, "warning")}${strict}\n`,
      );
    }
    return failing > 0 ? 1 : 0;
  },
};
