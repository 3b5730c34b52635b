/**
 * 10,000 scenario runs over the tutorial's four branches (yes, no, anything else, timeout)
 * through the real `studiokit test` binary, wall time including start-up. Goal (issue 16): ≤ 0.6 s.
 *
 * `npm run bench -- scenarios [--repeat 2500] [--runs 5]`: a generated scenario file with
 * repeat × 4 scenarios beside a copy of the seed flow in a temporary folder; the binary is
 * spawned `runs` times and the median is reported, next to the start-up alone (4 scenarios). The
 * process's own CPU time is reported too: wall time on a busy machine says little.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { seedFlowPath } from "../test/support/fixtures";
import { studiokitBin } from "./emulator-process";
import { median } from "./stats";

const trigger =
  'trigger: { event: incomingConversationMessage, from: "+15558675310", to: "+15017122661", body: "hi" }';
const branches: ReadonlyArray<[string, string[]]> = [
  ["yes", ["reply: Yes", "expect: { send: 🤖 }"]],
  ["no", ["reply: no", "expect: { send: 👽 }"]],
  ["anything else", ["reply: maybe", "expect: { send: 👻 }"]],
  ["timeout", ["wait: 3600"]],
];

function scenarioFile(repeat: number): string {
  const lines = ["flow: ./bots.json", "scenarios:"];
  for (let i = 1; i <= repeat; i++)
    for (const [name, steps] of branches) {
      lines.push(`  - name: ${name} ${i}`, `    ${trigger}`, "    steps:");
      lines.push('      - expect: { send: "Hi, do you like bots?", widget: send_and_reply_1 }');
      for (const step of [...steps, "expect: { ended: true }"]) lines.push(`      - ${step}`);
    }
  return `${lines.join("\n")}\n`;
}

/** Printed by the spawned process at exit: its CPU time, which the machine's load barely changes. */
const cpuProbe = `process.on("exit", () => { const u = process.cpuUsage(); process.stderr.write("cpu-ms " + (u.user + u.system) / 1000 + "\\n"); });`;

function timeCli(cwd: string, file: string): Promise<{ ms: number; cpuMs: number; last: string }> {
  const start = performance.now();
  const args = ["-r", path.join(cwd, "cpu-probe.js"), studiokitBin, "test", file];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const ms = performance.now() - start;
      const last = stdout.trimEnd().split("\n").pop() ?? "";
      const cpuMs = Number(/cpu-ms ([\d.]+)/.exec(stderr)?.[1] ?? NaN);
      if (error) reject(new Error(`studiokit test failed: ${stderr || last}`));
      else resolve({ ms, cpuMs, last });
    });
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { repeat: { type: "string" }, runs: { type: "string" } } });
  const repeat = Number(values.repeat ?? 2500);
  const runs = Number(values.runs ?? 5);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-bench-scenarios-"));
  try {
    fs.copyFileSync(seedFlowPath, path.join(dir, "bots.json"));
    fs.writeFileSync(path.join(dir, "all.scenarios.yaml"), scenarioFile(repeat));
    fs.writeFileSync(path.join(dir, "four.scenarios.yaml"), scenarioFile(1));
    fs.writeFileSync(path.join(dir, "cpu-probe.js"), cpuProbe);
    const size = fs.statSync(path.join(dir, "all.scenarios.yaml")).size;
    await timeCli(dir, "four.scenarios.yaml"); // warm the file cache
    const startup: number[] = [];
    const startupCpu: number[] = [];
    const full: number[] = [];
    const fullCpu: number[] = [];
    let last = "";
    for (let i = 0; i < runs; i++) {
      const four = await timeCli(dir, "four.scenarios.yaml");
      startup.push(four.ms);
      startupCpu.push(four.cpuMs);
      const result = await timeCli(dir, "all.scenarios.yaml");
      full.push(result.ms);
      fullCpu.push(result.cpuMs);
      last = result.last;
    }
    process.stdout.write(
      [
        `scenarios: ${repeat * branches.length} (${repeat} × ${branches.length} branches), file ${(size / 1024).toFixed(0)} KB; closing line "${last}"`,
        `  studiokit test, ${repeat * branches.length} scenarios: median ${seconds(median(full))} over ${runs} runs (min ${seconds(Math.min(...full))}, max ${seconds(Math.max(...full))}); goal ≤ 0.6 s`,
        `  CPU time (user + system) of that process: median ${seconds(median(fullCpu))}`,
        `  studiokit test, 4 scenarios (start-up): median ${seconds(median(startup))} wall, ${seconds(median(startupCpu))} CPU`,
        `  load average at the end: ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")} on ${os.cpus().length} CPUs`,
        "",
      ].join("\n"),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
