// The real `studiokit emulator` in its own process, so a load generator in this one measures the
// server and not itself. Resolves `url` once the server prints its listening line.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const studiokitBin = path.resolve(__dirname, "..", "bin", "studiokit.js");

export function startEmulatorProcess(accountSid: string, authToken: string, extra: readonly string[] = []) {
  const child = spawn(
    process.execPath,
    [
      studiokitBin,
      "emulator",
      "--account-sid",
      accountSid,
      "--auth-token",
      authToken,
      "--port",
      "0",
      ...extra,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\S+)\n/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code} before listening`)));
  });
  return { child, url };
}

/** A process's resident set size in MB (Linux /proc), or undefined where that cannot be read. */
export function rssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds a process has used, user and system (Linux /proc), or undefined where that cannot
 * be read: on a shared machine, the cost of the work itself, whatever the scheduler did.
 */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
