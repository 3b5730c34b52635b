import fs from "node:fs/promises";
import path from "node:path";
import { CliError } from "./errors";

export const scenarioSuffix = ".scenarios.yaml";

/** `**` any depth, `*` and `?` within one path segment; everything else literal. */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      out += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

const isGlob = (arg: string) => /[*?]/.test(arg);

/** Every file under `dir`, as posix paths relative to `root`, skipping node_modules and dot folders. */
async function walk(root: string, dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) out.push(...(await walk(root, full)));
    } else if (entry.isFile()) out.push(path.relative(root, full).split(path.sep).join("/"));
  }
  return out;
}

/**
 * The scenario files `studiokit test` runs, as paths relative to `cwd`, sorted and without
 * duplicates: all `**\/*.scenarios.yaml` when no argument is given; otherwise each argument is
 * a file, a directory (its scenario files) or a glob relative to `cwd`.
 */
export async function findScenarioFiles(args: readonly string[], cwd: string): Promise<string[]> {
  let all: Promise<string[]> | undefined;
  const everything = () => (all ??= walk(cwd, cwd));
  const under = async (dir: string) =>
    (await walk(cwd, path.resolve(cwd, dir))).filter((f) => f.endsWith(scenarioSuffix));
  const files = new Set<string>();
  if (args.length === 0) {
    for (const f of await under(".")) files.add(f);
    if (files.size === 0) throw new CliError(`no *${scenarioSuffix} files under ${cwd}`);
  }
  for (const arg of args) {
    if (isGlob(arg)) {
      const pattern = globToRegExp(arg.split(path.sep).join("/").replace(/^\.\//, ""));
      const matched = (await everything()).filter((f) => pattern.test(f));
      if (matched.length === 0) throw new CliError(`no files match "${arg}"`);
      for (const f of matched) files.add(f);
      continue;
    }
    const stat = await fs.stat(path.resolve(cwd, arg)).catch(() => undefined);
    if (!stat) throw new CliError(`${arg}: no such file or directory`);
    if (stat.isDirectory()) {
      const found = await under(arg);
      if (found.length === 0) throw new CliError(`${arg}: no *${scenarioSuffix} files in this directory`);
      for (const f of found) files.add(f);
    } else files.add(path.relative(cwd, path.resolve(cwd, arg)).split(path.sep).join("/"));
  }
  return [...files].sort();
}
