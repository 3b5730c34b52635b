import fs from "node:fs";
import path from "node:path";
import { importFlow, ImportError } from "../../codegen";
import { validateDefinition } from "../../validator";
import { parseSpecArgs } from "../args";
import { specs } from "../specs";
import { type Command } from "../command";
import { CliError } from "../errors";
import { readDefinition } from "../read-definition";

const usage = specs.import.usage;

interface Prettier {
  resolveConfig(file: string): Promise<Record<string, unknown> | null>;
  format(code: string, options: Record<string, unknown>): Promise<string>;
}

/**
 * Formats generated TypeScript with the project's prettier settings for `file`. Prettier is a
 * development dependency: without it the code is returned as generated (valid, not pretty).
 */
export async function formatTypeScript(
  code: string,
  file: string,
): Promise<{ code: string; formatted: boolean }> {
  let prettier: Prettier;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    prettier = require("prettier") as Prettier;
  } catch {
    return { code, formatted: false };
  }
  const config = (await prettier.resolveConfig(file)) ?? {};
  return {
    code: await prettier.format(code, { ...config, filepath: file, parser: "typescript" }),
    formatted: true,
  };
}

/** `studiokit import`: a flow exported from the Studio console → builder TypeScript. */
export const command: Command = {
  name: "import",
  async run(args, io) {
    const { values, positionals } = parseSpecArgs(args, specs.import);
    if (positionals.length !== 1) throw new CliError(`give exactly one flow JSON file; usage: ${usage}`);
    const file = positionals[0]!;
    if (path.extname(file).toLowerCase() !== ".json")
      throw new CliError(
        `${file}: import reads a flow's JSON (as the Studio console exports it), not a module`,
      );
    const definition = await readDefinition(file, io.cwd);
    const out = values.out === undefined ? undefined : path.resolve(io.cwd, values.out);
    if (out !== undefined && fs.existsSync(out) && !values.force)
      throw new CliError(`${values.out}: already exists; pass --force to overwrite it`);
    const target = out ?? path.join(io.cwd, "flows", `${path.basename(file, ".json")}.ts`);
    let code: string;
    let warnings: readonly string[];
    try {
      ({ code, warnings } = importFlow(definition, {
        source: path.basename(file),
      }));
    } catch (error) {
      if (error instanceof ImportError) throw new CliError(`${file}: ${error.message}`);
      throw error;
    }
    const formatted = await formatTypeScript(code, target);
    for (const warning of warnings) io.stderr(`studiokit import: ${warning}\n`);
    if (!formatted.formatted)
      io.stderr("studiokit import: prettier is not installed; the code is not formatted\n");
    const errors = validateDefinition(definition).filter((i) => i.severity === "error").length;
    if (errors > 0)
      io.stderr(
        `studiokit import: ${file} has ${errors} validation error${errors === 1 ? "" : "s"} (see studiokit validate ${file}); the module will not compile until they are fixed\n`,
      );
    if (out === undefined) {
      io.stdout(formatted.code);
      return 0;
    }
    try {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, formatted.code);
    } catch (error) {
      throw new CliError(
        `${values.out}: cannot write: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    io.stdout(`wrote ${values.out}\n`);
    return 0;
  },
};
