// `npm run bench -- diff-pr`: `studiokit diff --pr base head` over 50 flows with 5 changed, the
// flows as TypeScript modules against the same flows as JSON, in a scratch git repository outside
// this one (its node_modules/studiokit links to this package, so the modules resolve the built
// kit as a user's project does). Warm: the transpile cache holds both sides from an earlier run,
// as on a developer's machine or a CI cache; cold: the cache emptied before each run.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { importFlow } from "../src/codegen";
import { canonicalJson } from "../src/definition";
import { compileWithIssues } from "../src/compiler";
import { generateFlow } from "./generate-flow";
import { median } from "./stats";

const packageDir = path.resolve(__dirname, "..");
const bin = path.join(packageDir, "bin", "studiokit.js");
const runs = Number(process.env["BENCH_RUNS"] ?? 5);
const flows = 50;
const changed = 5;

/** A flow of `states` states as JSON text and as builder TypeScript. */
function flowFiles(states: number, variant: number): { json: string; ts: string } {
  const { definition } = compileWithIssues(generateFlow(states, variant));
  const { code } = importFlow(definition, { builderImport: "studiokit", source: "generated.json" });
  return { json: canonicalJson(definition), ts: code };
}

const git = (repo: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@localhost", ...args], { cwd: repo });

/** A repository with `base` and `head` branches: 50 flows of each kind, 5 of them changed in head. */
function makeRepo(states: number): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-bench-diff-"));
  fs.mkdirSync(path.join(repo, "node_modules"));
  fs.symlinkSync(packageDir, path.join(repo, "node_modules", "studiokit"), "dir");
  fs.writeFileSync(path.join(repo, ".gitignore"), "node_modules/\n");
  for (const kind of ["json", "ts"] as const) fs.mkdirSync(path.join(repo, kind));
  const write = (i: number, variant: number) => {
    const files = flowFiles(states, variant);
    for (const kind of ["json", "ts"] as const)
      fs.writeFileSync(path.join(repo, kind, `flow_${i}.${kind}`), files[kind]);
  };
  for (let i = 0; i < flows; i++) write(i, i + 1);
  git(repo, "init", "-q", "-b", "base");
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "base");
  git(repo, "checkout", "-q", "-b", "head");
  for (let i = 0; i < changed; i++) write(i * 10, 1000 + i);
  git(repo, "commit", "-qam", "head");
  return repo;
}

function diffMs(repo: string, kind: string, cold: boolean): number {
  if (cold) fs.rmSync(path.join(repo, "node_modules", ".cache"), { recursive: true, force: true });
  const start = performance.now();
  const result = spawnSync(process.execPath, [bin, "diff", "--pr", "base", "head", "--flows", kind], {
    cwd: repo,
    encoding: "utf8",
  });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`diff --pr over ${kind}: exit ${result.status}: ${result.stderr}`);
  return ms;
}

export function run(): void {
  process.stdout.write(
    `diff --pr over ${flows} flows, ${changed} changed (median of ${runs} runs; ratio TypeScript to JSON):\n`,
  );
  for (const [label, states] of [
    ["tutorial-sized (6 states)", 6],
    ["100 widgets", 101],
  ] as const) {
    const repo = makeRepo(states);
    try {
      // Interleaved, so a change in the machine's load falls on both kinds alike.
      diffMs(repo, "ts", false); // fills the transpile cache
      const samples = Array.from({ length: runs }, () => ({
        json: diffMs(repo, "json", false),
        warm: diffMs(repo, "ts", false),
        cold: diffMs(repo, "ts", true),
      }));
      const json = median(samples.map((s) => s.json));
      const warm = median(samples.map((s) => s.warm));
      const cold = median(samples.map((s) => s.cold)); // the cold run leaves the cache filled again
      process.stdout.write(
        `  ${label.padEnd(26)} JSON ${json.toFixed(0).padStart(5)} ms  TypeScript ${warm.toFixed(0).padStart(5)} ms ` +
          `${(warm / json).toFixed(2)}× (goal <= 1.5×: ${warm / json <= 1.5 ? "met" : "MISSED"}); ` +
          `cold cache ${cold.toFixed(0)} ms ${(cold / json).toFixed(2)}×\n`,
      );
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  }
}
