import fs from "node:fs";
import path from "node:path";
import { canonicalJson } from "../../definition";
import { isCompileError } from "../../compiler";
import { failingIssues, formatIssues, validateDefinition } from "../../validator";
import { parseSpecArgs } from "../args";
import { specs } from "../specs";
import { type Command } from "../command";
import { CliError } from "../errors";
import { loadFlowFile, type LoadedFlow } from "../../compiler";
import { formatTypeErrors, typeErrors } from "../typecheck";

const usage = specs.compile.usage;

/** `studiokit compile`: a flow module → Studio's canonical flow JSON. */
export const command: Command = {
  name: "compile",
  async run(args, io) {
    const { values, positionals } = parseSpecArgs(args, specs.compile);
    if (positionals.length !== 1) throw new CliError(`give exactly one flow file; usage: ${usage}`);
    const file = positionals[0]!;
    const typed = typeErrors([file], io.cwd, values["no-typecheck"] !== true).get(file) ?? [];
    if (typed.length > 0) {
      io.stderr(`${formatTypeErrors(typed, io.cwd)}\n`);
      return 1;
    }
    let loaded: LoadedFlow;
    try {
      loaded = loadFlowFile(file, io.cwd);
    } catch (error) {
      if (!isCompileError(error)) throw error;
      io.stderr(`${formatIssues(error.issues, file)}\n`);
      return 1;
    }
    const { definition } = loaded;
    // A module comes validated (errors throw above); a JSON file was only parsed. Either way
    // warnings go to stderr and errors (warnings too with --strict) stop here, so nothing
    // invalid reaches --out.
    const issues = loaded.kind === "ts" ? loaded.issues : validateDefinition(definition);
    if (issues.length > 0) io.stderr(`${formatIssues(issues, file)}\n`);
    if (failingIssues(issues, { strict: values.strict }).length > 0) return 1;
    const json = canonicalJson(definition);
    if (values.out === undefined) {
      io.stdout(json);
      return 0;
    }
    const out = path.resolve(io.cwd, values.out);
    try {
      fs.writeFileSync(out, json);
    } catch (error) {
      throw new CliError(
        `${values.out}: cannot write: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    io.stdout(`wrote ${values.out}\n`);
    return 0;
  },
};
