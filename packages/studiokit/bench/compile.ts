import { spawnSync } from "node:child_process";
import path from "node:path";
import { compileWithIssues } from "../src/compiler";
import { batchWidgets, type Mode, type SizeSamples } from "./compile-size";
import { generateFlow } from "./generate-flow";
import { median } from "./stats";

const runs = 25;
const warmup = 5;
const rounds = 5;
const fixed = (n: number) => n.toFixed(1);

const sizes = { small: 1000, large: 10_000 } as const;
type Size = keyof typeof sizes;
/** One round: every size in every mode, each measured in its own fresh process. */
type Round = Record<Mode, Record<Size, SizeSamples>>;

/** One size in one mode, measured in a fresh Node process (see compile-size.ts). */
function inFreshProcess(states: number, mode: Mode): SizeSamples {
  const script = path.join(__dirname, "compile-size.ts");
  const child = spawnSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", script, String(states), mode, String(runs), String(warmup)],
    { encoding: "utf8", maxBuffer: 1 << 24 },
  );
  if (child.status !== 0) throw new Error(`compile-size ${states} ${mode} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as SizeSamples;
}

/** A round; the sizes take turns going first, so load from other processes falls on both alike. */
function measureRound(r: number): Round {
  const bothSizes = (mode: Mode): Record<Size, SizeSamples> => {
    if (r % 2 === 0) {
      const small = inFreshProcess(sizes.small, mode);
      return { small, large: inFreshProcess(sizes.large, mode) };
    }
    const large = inFreshProcess(sizes.large, mode);
    return { small: inFreshProcess(sizes.small, mode), large };
  };
  return { single: bothSizes("single"), batched: bothSizes("batched"), reference: bothSizes("reference") };
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
  // collecting the other's garbage.
  const perRound = Array.from({ length: rounds }, (_, r) => measureRound(r));
  const timings = (round: Round, mode: Mode, size: Size, what: string) =>
    round[mode][size].timings[what] ?? [];
  const at = (mode: Mode, size: Size, what: string) =>
    median(perRound.map((round) => median(timings(round, mode, size, what))));
  const growth = (mode: Mode, what: string) => {
    const [small, large] = [at(mode, "small", what), at(mode, "large", what)];
    return `1000 states ${fixed(small)} ms, 10000 states ${fixed(large)} ms: ${fixed(large / small)}x`;
  };
  const withGc = (size: Size) => perRound.map((round) => round.single[size].compilesWithGc).join("/");
  const write = (line: string) => process.stdout.write(`${line}\n`);
  write(
    `compile: each size and mode in a fresh process, median of ${runs} samples after ${warmup} warm-ups, median of ${rounds} rounds`,
  );
  write(`  compile+validate, one compile per sample: ${growth("single", "compile")}`);
  write(
    `    samples a garbage collection ran in, per round: 1000 states ${withGc("small")} of ${runs}; 10000 states ${withGc("large")}`,
  );
  // A cross-check: most 1,000-state samples finish before the young generation fills, every
  // 10,000-state one does not; batches that allocate alike show whether that explains the growth.
  write(
    `  compile+validate, batches of ${batchWidgets} widgets (equal allocation per sample): ${growth("batched", "compile")}`,
  );
  write(`  validate alone: ${growth("single", "validate")}`);
  write(`  building the flow: ${growth("single", "build")}`);
  write(`  the platform on the same definition, batched alike:`);
  write(`    JSON.stringify: ${growth("reference", "stringify")}`);
  write(`    JSON.parse: ${growth("reference", "parse")}`);
  const errors = perRound[0]!.single.large.errors;
  if (errors.length > 0) write(`  validator errors at 10000: ${errors.join(" | ")}`);
  const small = at("single", "small", "compile");
  const ratio = at("single", "large", "compile") / small;
  const perRoundRatios = perRound.map(
    (round) =>
      median(timings(round, "single", "large", "compile")) /
      median(timings(round, "single", "small", "compile")),
  );
  write(
    `  goal 1,000 states <= 50 ms: ${small <= 50 ? "met" : "MISSED"} (${fixed(small)} ms); ` +
      `goal 10x states <= 12x time: ${ratio <= 12 ? "met" : "MISSED"} (${fixed(ratio)}x; rounds ${perRoundRatios.map(fixed).join(", ")})`,
  );
  const work = sameWork();
  write(
    `  same work: one 10000-state flow ${fixed(work.one)} ms cpu, ten distinct 1000-state flows ` +
      `${fixed(work.ten)} ms cpu: ${(work.one / work.ten).toFixed(2)}x (1.00 = linear)`,
  );
}
