import fs from "node:fs";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { type FlowDefinition } from "../definition";
import { FlowFileError, isCompileError, loadFlowFile } from "../compiler";
import { formatIssue } from "../validator";
import { CliError } from "./errors";

const run = promisify(execFile);

/**
 * A flow file (`.json` or a flow module) as a definition. Unusable input is a one-line error with
 * exit 2; a flow that does not compile (or JSON that does not fit the flow schema) one with exit 1.
 */
export async function readDefinition(file: string, cwd: string): Promise<FlowDefinition> {
  try {
    return loadFlowFile(file, cwd).definition;
  } catch (error) {
    if (error instanceof FlowFileError) throw new CliError(error.message);
    if (!isCompileError(error)) throw error;
    const first = error.issues.find((i) => i.severity === "error") ?? error.issues[0];
    const json = path.extname(file).toLowerCase() === ".json";
    const more =
      error.issues.length > 1
        ? ` (and ${error.issues.length - 1} more; run studiokit ${json ? "validate" : "compile"} ${file})`
        : "";
    const what = json ? "the flow is invalid" : "the flow does not compile";
    throw new CliError(`${file}: ${what}: ${first ? formatIssue(first) : "invalid flow"}${more}`, 1);
  }
}

async function git(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run("git", args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    const detail =
      typeof stderr === "string" && stderr.trim() !== "" ? stderr.trim().split("\n")[0] : String(error);
    throw new CliError(`git ${args.join(" ")}: ${detail}`);
  }
}

/** The repository root and a file's path relative to it (git's spelling, forward slashes). */
export async function repoPath(file: string, cwd: string): Promise<{ root: string; path: string }> {
  const root = (await git(["rev-parse", "--show-toplevel"], cwd)).trim();
  const relative = path.relative(root, path.resolve(cwd, file)).split(path.sep).join("/");
  return { root, path: relative };
}

/** Whether `path` exists at `ref`; an unknown ref is an error. */
export async function existsAt(ref: string, file: string, root: string): Promise<boolean> {
  try {
    await run("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: root });
  } catch {
    throw new CliError(`"${ref}" is not a commit in this repository; give a branch, tag or commit`);
  }
  const listed = await git(["ls-tree", "--name-only", ref, "--", file], root);
  return listed.trim() !== "";
}

/**
 * A flow file as it was at a git ref, where it exists (see `existsAt`). A module is written beside
 * the real file for the time it takes to load it, so its relative imports (the builder) resolve as
 * they do for the file itself.
 */
export async function readDefinitionAt(ref: string, file: string, root: string): Promise<FlowDefinition> {
  const text = await git(["show", `${ref}:${file}`], root);
  const extension = path.extname(file);
  const temp = path.posix.join(
    path.posix.dirname(file),
    `.studiokit-${ref.replace(/[^\w.-]/g, "_")}-${process.pid}-${path.basename(file, extension)}${extension}`,
  );
  fs.writeFileSync(path.join(root, temp), text);
  try {
    return await readDefinition(temp, root);
  } catch (error) {
    if (error instanceof CliError)
      throw new CliError(error.message.split(temp).join(`${file} at ${ref}`), error.exitCode);
    throw error;
  } finally {
    fs.rmSync(path.join(root, temp), { force: true });
  }
}

/** Files under `dir` that differ between two refs, as repository-relative paths. */
export async function changedFiles(base: string, head: string, dir: string, root: string): Promise<string[]> {
  const out = await git(["diff", "--name-only", "--no-renames", base, head, "--", dir], root);
  return out.split("\n").filter((line) => line !== "");
}
