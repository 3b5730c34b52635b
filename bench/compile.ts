import { spawnSync } from "node:child_process";
import path from "node:path";
import { compileWithIssues } from "../src/compiler";
import { type SizeSamples } from "./compile-size";
import { generateFlow } from "./generate-flow";
import { median } from "./stats";

const runs = 25;
const warmup = 5;
const rounds = 5;
const fixed = (n: number) => n.toFixed(1);

/** One size measured in a fresh Node process (see compile-size.ts). */
function inFreshProcess(states: number): SizeSamples {
  const child = spawnSync(
    process.execPath,
    [
      "-r",
      "ts-node/register/transpile-only",
      path.join(__dirname, "compile-size.ts"),
      String(states),
      String(runs),
      String(warmup),
    ],
    { encoding: "utf8", maxBuffer: 1 << 24 },
  );
  if (child.status !== 0) throw new Error(`compile-size ${states} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as SizeSamples;
}

/**
 * The same work at two sizes, apart from what stays in the CPU caches: CPU time to compile +
 * validate one 10,000-state flow against ten distinct 1,000-state flows one after another (the
 * same widget count), the two alternating. 1.00 is perfectly linear.
 */
function sameWork(): { one: number; ten: number } {
  const one = generateFlow(10_000);
  const ten = Array.from({ length: 10 }, (_, variant) => generateFlow(1000, variant + 1));
  const cpu = (fn: () => void) => {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  const [ones, tens]: [number[], number[]] = [[], []];
  for (let i = 0; i < warmup + runs; i++) {
    const t = cpu(() => ten.forEach((flow) => compileWithIssues(flow)));
    const o = cpu(() => compileWithIssues(one));
    if (i >= warmup) {
      tens.push(t);
      ones.push(o);
    }
  }
  return { one: median(ones), ten: median(tens) };
}

/** `npm run bench -- compile`: compile + validate a generated 1,000-state flow, then 10× that. */
export function run(): void {
  // Each size alone in a fresh process, as a user compiles one flow, so neither size pays for
  // collecting the other's garbage; the sizes take turns over the rounds so load from other
  // processes on this shared machine falls on both alike.
  const perRound: Array<{ small: SizeSamples; large: SizeSamples }> = [];
  for (let r = 0; r < rounds; r++) {
    let small: SizeSamples;
    let large: SizeSamples;
    if (r % 2 === 0) {
      small = inFreshProcess(1000);
      large = inFreshProcess(10_000);
    } else {
      large = inFreshProcess(10_000);
      small = inFreshProcess(1000);
    }
    perRound.push({ small, large });
  }
  const across = (pick: (round: (typeof perRound)[number]) => number[]) =>
    median(perRound.map((round) => median(pick(round))));
  process.stdout.write(
    `compile: each size in a fresh process, median of ${runs} runs after ${warmup} warm-ups, median of ${rounds} rounds\n`,
  );
  for (const size of ["small", "large"] as const) {
    const of = (round: (typeof perRound)[number]) => round[size];
    process.stdout.write(
      `  ${perRound[0]![size].states} states: compile+validate ${fixed(across((r) => of(r).compile))} ms; ` +
        `validate alone ${fixed(across((r) => of(r).validate))} ms; building the flow ${fixed(across((r) => of(r).build))} ms\n`,
    );
  }
  const errors = perRound[0]!.large.errors;
  if (errors.length > 0) process.stdout.write(`    validator errors at 10000: ${errors.join(" | ")}\n`);
  const small = across((r) => r.small.compile);
  const ratio = across((r) => r.large.compile) / small;
  const perRoundRatios = perRound.map((r) => median(r.large.compile) / median(r.small.compile));
  process.stdout.write(
    `  goal 1,000 states <= 50 ms: ${small <= 50 ? "met" : "MISSED"} (${fixed(small)} ms); ` +
      `goal 10x states <= 12x time: ${ratio <= 12 ? "met" : "MISSED"} (${fixed(ratio)}x; rounds ${perRoundRatios.map(fixed).join(", ")})\n`,
  );
  const work = sameWork();
  process.stdout.write(
    `  same work: one 10000-state flow ${fixed(work.one)} ms cpu, ten distinct 1000-state flows ` +
      `${fixed(work.ten)} ms cpu: ${(work.one / work.ten).toFixed(2)}x (1.00 = linear)\n`,
  );
}
