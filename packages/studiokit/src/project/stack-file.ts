import fs from "node:fs";
import path from "node:path";
import { parse, YAMLParseError } from "yaml";
import { formatPath, nestingMessage, nestingPath } from "../definition";
import { parseProjectConfig, type ProjectConfig } from "./config";
import { ProjectError } from "./error";

/**
 * The settings of `Pulumi.<stack>.yaml`, as the CLI hands them to a program. Encrypted `secure:`
 * values cannot be read without the CLI: they are left out, and their keys listed in `secure`.
 */
export function readStackSettings(
  projectDir: string,
  stack = "dev",
): { config: Record<string, unknown>; secure: string[] } {
  const name = `Pulumi.${stack}.yaml`;
  let parsed: { config?: Record<string, unknown> } | null;
  try {
    parsed = parse(fs.readFileSync(path.join(projectDir, name), "utf8")) as typeof parsed;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new ProjectError(`${name}: no such file in ${projectDir}; is this the project directory?`);
    // `yaml` turns the stack overflow of a deeply nested file into this error.
    if (error instanceof YAMLParseError && code === "RESOURCE_EXHAUSTION")
      throw new ProjectError(`${name}: line ${error.linePos?.[0].line ?? 1}: ${nestingMessage}`);
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ProjectError(
      `${name}: ${error instanceof YAMLParseError ? "not YAML" : "cannot read"}: ${reason}`,
    );
  }
  const deep = nestingPath(parsed);
  if (deep) throw new ProjectError(`${name}: ${formatPath(deep)}: ${nestingMessage}`);
  if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed)))
    throw new ProjectError(`${name}: not a stack settings file; it holds a top-level config: map`);
  const config: Record<string, unknown> = {};
  const secure: string[] = [];
  for (const [key, value] of Object.entries(parsed?.config ?? {})) {
    if (typeof value === "object" && value !== null && "secure" in value) secure.push(key);
    else config[key] = value;
  }
  return { config, secure };
}

/**
 * The project settings a stack holds (`studiokit:flows` of `Pulumi.<stack>.yaml`), or none when
 * the project has no such file: then every file in `flows/` is the project's flows.
 */
export function readProjectSettings(projectDir: string, stack = "dev"): ProjectConfig {
  if (!fs.existsSync(path.join(projectDir, `Pulumi.${stack}.yaml`))) return parseProjectConfig({});
  const flows = readStackSettings(projectDir, stack).config["studiokit:flows"];
  try {
    return parseProjectConfig(flows === undefined ? {} : { flows });
  } catch (error) {
    if (error instanceof ProjectError) throw new ProjectError(`Pulumi.${stack}.yaml: ${error.message}`);
    throw error;
  }
}
