import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { main } from "../../src/cli";

export const repoRoot = path.resolve(__dirname, "..", "..");

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `studiokit <args>` in-process with buffer-backed streams. */
export async function runCli(args: string[], cwd: string = repoRoot): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd,
  });
  return { code, stdout, stderr };
}

/**
 * Runs the real binary (`bin/studiokit.js`) in a child process, asynchronously: a synchronous
 * spawn would block this process, and with it any local server the binary calls.
 */
export async function spawnCli(args: string[], cwd: string = repoRoot): Promise<CliRun> {
  const bin = path.join(repoRoot, "bin", "studiokit.js");
  return promisify(execFile)(process.execPath, [bin, ...args], { cwd, encoding: "utf8" }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === "number" ? error.code : 1,
      stdout: error.stdout ?? "",
      stderr: error.stderr ?? "",
    }),
  );
}
