import fs from "node:fs/promises";
import path from "node:path";
import { findFile, showName } from "../compiler";
import { globMatcher } from "../engine";
import { type ScenarioSource } from "../testing";
import { CliError } from "./errors";

export const scenarioSuffix = ".scenarios.yaml";

const isGlob = (arg: string) => /[*?]/.test(arg);

/** A file found by a walk: its path relative to the walk's start as Node.js spells it, and as messages show it. */
interface Walked {
  readonly relative: string;
  readonly shown: string;
}

/**
 * Every file under `dir`, skipping node_modules and dot folders. Names are read as bytes, so a
 * name that is not UTF-8 is still walked into and shown with its bytes escaped; the lossy
 * spelling Node.js gives it is found again when the file is read (compiler/files.ts).
 */
async function walk(dir: string | Buffer, prefix: readonly Buffer[] = []): Promise<Walked[]> {
  const out: Walked[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true, encoding: "buffer" })) {
    const parts = [...prefix, entry.name];
    const name = entry.name.toString("utf8");
    if (entry.isDirectory()) {
      if (name !== "node_modules" && !name.startsWith("."))
        out.push(
          ...(await walk(Buffer.concat([Buffer.from(dir), Buffer.from(path.sep), entry.name]), parts)),
        );
    } else if (entry.isFile())
      out.push({
        relative: parts.map((p) => p.toString("utf8")).join("/"),
        shown: parts.map(showName).join("/"),
      });
  }
  return out;
}

/**
 * The scenario files `studiokit test` runs, sorted by name and without duplicates: all
 * `**\/*.scenarios.yaml` when no argument is given; otherwise each argument is a file, a directory
 * (its scenario files) or a glob relative to `cwd`. `file` is relative to `cwd` (posix).
 */
export async function findScenarioFiles(args: readonly string[], cwd: string): Promise<ScenarioSource[]> {
  let all: Promise<Walked[]> | undefined;
  const everything = () => (all ??= walk(cwd));
  const files = new Map<string, ScenarioSource>();
  const add = (relative: string, shown: string) =>
    files.set(relative, { file: shown, path: path.resolve(cwd, relative) });
  /** Scenario files under a directory, relative to `cwd`. */
  const under = async (dir: string | Buffer, shownDir: string, relativeDir: string) => {
    const found = (await walk(dir)).filter((f) => f.relative.endsWith(scenarioSuffix));
    const join = (a: string, b: string) => (a === "" || a === "." ? b : `${a.replace(/\/+$/, "")}/${b}`);
    for (const f of found) add(join(relativeDir, f.relative), join(shownDir, f.shown));
    return found.length;
  };
  if (args.length === 0 && (await under(cwd, "", "")) === 0)
    throw new CliError(`no *${scenarioSuffix} files under ${cwd}`);
  for (const arg of args) {
    if (isGlob(arg)) {
      const matches = globMatcher(arg.split(path.sep).join("/").replace(/^\.\//, ""), { paths: true });
      const matched = (await everything()).filter((f) => matches(f.relative));
      if (matched.length === 0) throw new CliError(`no files match "${arg}"`);
      for (const f of matched) add(f.relative, f.shown);
      continue;
    }
    const found = findFile(arg, cwd);
    if (!("path" in found))
      throw new CliError(
        `${found.shown}: ${found.reason === "no such file" ? "no such file or directory" : found.reason}`,
      );
    const relative = path.relative(cwd, path.resolve(cwd, arg)).split(path.sep).join("/");
    const shown = typeof found.path === "string" ? relative : found.shown;
    if (!found.isDirectory) add(relative, shown);
    else if ((await under(found.path, shown, relative)) === 0)
      throw new CliError(`${shown}: no *${scenarioSuffix} files in this directory`);
  }
  return [...files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
