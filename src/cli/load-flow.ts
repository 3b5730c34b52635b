/**
 * TEMPORARY (scenarios helper, engine branch): a .json-only stand-in for the builder helper's
 * `loadFlowFile`, with the same signature. When the lead merges the builder branch, keep the
 * builder's version of this file and drop this one.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { parseFlowDefinition, parseJsonText, type FlowDefinition } from "../definition";
import { CliError } from "./errors";

export async function loadFlowFile(
  file: string,
  cwd: string,
): Promise<{ definition: FlowDefinition; kind: "ts" | "json" }> {
  const absolute = path.resolve(cwd, file);
  if (!absolute.endsWith(".json"))
    throw new CliError(
      `${file}: only .json flow definitions can be loaded on this branch (builder modules come with the builder)`,
    );
  let text: string;
  try {
    text = await fs.readFile(absolute, "utf8");
  } catch {
    throw new CliError(`${file}: no such file`);
  }
  const json = parseJsonText(text);
  if (!json.ok) throw new CliError(`${file}: ${json.message}`);
  const parsed = parseFlowDefinition(json.value);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw new CliError(`${file}: ${first ? `${first.path}: ${first.message}` : "not a flow definition"}`);
  }
  return { definition: parsed.value, kind: "json" };
}
