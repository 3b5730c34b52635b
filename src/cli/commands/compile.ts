import fs from "node:fs";
import path from "node:path";
import { canonicalJson } from "../../definition";
import { isCompileError } from "../../compiler";
import { formatIssues } from "../../validator";
import { parseCommandArgs } from "../args";
import { type Command } from "../command";
import { CliError } from "../errors";
import { loadFlowFile } from "../load-flow";

const usage = "studiokit compile <flow.ts> [--out file.json]";

/** `studiokit compile`: a flow module → Studio's canonical flow JSON. */
export const compileCommand: Command = {
  name: "compile",
  summary: "compile a flow module (default export a flow) to Studio flow JSON; exit 1 if invalid",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { out: { type: "string", short: "o" } }, usage);
    if (positionals.length !== 1) throw new CliError(`give exactly one flow file; usage: ${usage}`);
    const file = positionals[0]!;
    let json: string;
    try {
      json = canonicalJson((await loadFlowFile(file, io.cwd)).definition);
    } catch (error) {
      if (!isCompileError(error)) throw error;
      io.stderr(`${formatIssues(error.issues, file)}\n`);
      return 1;
    }
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
