import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll } from "vitest";
import { main } from "../../src/cli";
import { seedFlowPath, userCompilerOptions } from "../support/fixtures";
import { repoRoot } from "../support/run-cli";

export const bin = path.resolve(__dirname, "..", "..", "bin", "studiokit.js");

/** A throw-away project folder: `files` maps relative paths to contents. */
export function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-cli-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/**
 * A folder under the package (test/.generated, removed after the file's tests) laid out as a
 * user's project: its own tsconfig.json, so a flow module there imports the built package as
 * `studiokit`. (Under the package's tsconfig, "studiokit" names the kit's sources, and a type
 * check of the module would check all of them: seconds per run, for tests not about types.)
 */
export function generatedFolder(prefix: string): { dir: string } {
  const generated = path.join(repoRoot, "test", ".generated");
  fs.mkdirSync(generated, { recursive: true });
  const dir = fs.mkdtempSync(path.join(generated, `${prefix}-`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: userCompilerOptions }));
  return { dir };
}

export const seedJson = () => fs.readFileSync(seedFlowPath, "utf8");

export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `studiokit <args>` in-process, with buffers for output and `input` lines as stdin. */
export async function cli(cwd: string, args: string[], input?: string[]): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    ...(input ? { stdin: Readable.from(input.map((line) => `${line}\n`)) } : {}),
  });
  return { code, stdout, stderr };
}

/**
 * The real binary, spawned asynchronously (a synchronous spawn would block this process, and with
 * it any local server the binary calls); `input` is written to its stdin.
 */
export function spawnCli(cwd: string, args: string[], input = ""): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd }, (error, stdout, stderr) => {
      const code = error && typeof error.code === "number" ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}
