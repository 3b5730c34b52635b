// `npm run bench -- package`: what a user waits for around the published package. CLI start-up
// (`studiokit --version` and `studiokit validate` on the tutorial export) against `node -e 0`, in
// wall time and peak memory; the packed tarball's size; and installing it into a fresh project
// outside the repository from the npm cache.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { seedFlowPath } from "../test/support/fixtures";
import { median } from "./stats";

const packageDir = path.resolve(__dirname, "..");
const repoRoot = path.resolve(packageDir, "..", "..");
const bin = path.join(packageDir, "bin", "studiokit.js");
const runs = Number(process.env["BENCH_RUNS"] ?? 15);

/**
 * One run's wall time (ms), CPU time (user and system, ms: less swayed by other processes on a
 * shared machine) and peak resident memory (MiB), from GNU time.
 */
function measure(args: readonly string[]): { ms: number; cpu: number; mib: number } {
  const start = performance.now();
  const result = spawnSync("/usr/bin/time", ["-f", "%M %U %S", process.execPath, ...args], {
    encoding: "utf8",
  });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${args.join(" ")}: exit ${result.status}: ${result.stderr}`);
  const [kib = NaN, user = NaN, system = NaN] = (result.stderr.trim().split("\n").at(-1) ?? "")
    .split(" ")
    .map(Number);
  return { ms, cpu: (user + system) * 1000, mib: kib / 1024 };
}

function startup(): void {
  const cases: [string, string[]][] = [
    ["node -e 0", ["-e", "0"]],
    ["studiokit --version", [bin, "--version"]],
    ["studiokit validate do-you-like-bots.json", [bin, "validate", seedFlowPath]],
  ];
  for (const [, args] of cases) measure(args); // warm the file cache
  // Interleaved (each round runs every case once), so a change in the machine's load falls on
  // node -e 0 and the commands alike and the ratios of one run compare like with like.
  const rounds = Array.from({ length: runs }, () => cases.map(([, args]) => measure(args)));
  const results = cases.map(([name], i) => {
    const samples = rounds.map((round) => round[i]!);
    return {
      name,
      ms: median(samples.map((s) => s.ms)),
      cpu: median(samples.map((s) => s.cpu)),
      mib: median(samples.map((s) => s.mib)),
    };
  });
  const [node] = results;
  process.stdout.write(
    `start-up, median of ${runs} interleaved runs (wall, CPU, peak RSS; ratios to node -e 0):\n`,
  );
  for (const r of results)
    process.stdout.write(
      `  ${r.name.padEnd(42)} ${r.ms.toFixed(0).padStart(5)} ms  CPU ${r.cpu.toFixed(0).padStart(4)} ms  ` +
        `${r.mib.toFixed(1).padStart(6)} MiB  ${(r.ms / node!.ms).toFixed(2)}× wall  ` +
        `${(r.cpu / node!.cpu).toFixed(2)}× CPU  ${(r.mib / node!.mib).toFixed(2)}× memory` +
        (r === node ? "\n" : `  (goal <= 2× wall, <= 1.5× memory)\n`),
    );
}

function packAndInstall(): void {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-bench-pack-"));
  try {
    const packed = execFileSync(
      "npm",
      ["pack", "-w", "studiokit", "--ignore-scripts", "--pack-destination", scratch, "--loglevel=error"],
      { cwd: repoRoot, encoding: "utf8" },
    );
    const tarball = path.join(scratch, packed.trim().split("\n").at(-1)!);
    const kb = fs.statSync(tarball).size / 1024;
    const project = path.join(scratch, "project");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "package.json"), '{ "name": "bench", "private": true }\n');
    const start = performance.now();
    execFileSync(
      "npm",
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        tarball,
        "@pulumi/pulumi@3.248.0",
        "typescript@~5.9.3",
      ],
      { cwd: project },
    );
    const seconds = (performance.now() - start) / 1000;
    process.stdout.write(
      `package: tarball ${kb.toFixed(0)} KiB; npm install of it (with @pulumi/pulumi 3.248.0 and typescript 5.9, from the npm cache) ${seconds.toFixed(1)} s\n`,
    );
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

export function packageBench(args: readonly string[]): void {
  if (args.length === 0 || args.includes("startup")) startup();
  if (args.length === 0 || args.includes("install")) packAndInstall();
}
