import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { importFlow } from "../src/codegen";
import { compileWithIssues } from "../src/compiler";
import { generateFlow } from "./generate-flow";
import { median } from "./stats";

const rounds = 5;
const packageDir = path.resolve(__dirname, "..");
const compilerEntry = path.join(packageDir, "dist", "compiler", "index.js");

interface Cost {
  readonly wall: number;
  /** CPU time (user + system): what the machine's load barely changes. */
  readonly cpu: number;
}

/**
 * One check in a fresh Node process, as the command runs it (the built package): the
 * milliseconds `typecheckFlowFiles` took for `file`, after first checking `before` in the same
 * process when given. The TypeScript module is loaded before the clock starts: loading it costs
 * every case the same, and the background compilation of its 9 MB spread its CPU time by more
 * than the builder's types cost.
 */
function checkInFreshProcess(project: string, cacheDir: string, file: string, before?: string): Cost {
  const script = `
    const { typecheckFlowFiles } = require(${JSON.stringify(compilerEntry)});
    require(require.resolve("typescript", { paths: [${JSON.stringify(packageDir)}] }));
    const options = { cwd: ${JSON.stringify(project)}, cacheDir: ${JSON.stringify(cacheDir)} };
    ${before === undefined ? "" : `typecheckFlowFiles([${JSON.stringify(before)}], options);`}
    const start = performance.now();
    const cpu = process.cpuUsage();
    const issues = typecheckFlowFiles([${JSON.stringify(file)}], options).get(${JSON.stringify(file)});
    if (issues.length > 0) throw new Error(JSON.stringify(issues[0]));
    const used = process.cpuUsage(cpu);
    process.stdout.write(JSON.stringify({ wall: performance.now() - start, cpu: (used.user + used.system) / 1000 }));`;
  const child = spawnSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" });
  if (child.status !== 0) throw new Error(`type check of ${file} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Cost;
}

/** A project as an author has it: the tutorial's tsconfig, `studiokit` resolved from node_modules. */
function makeProject(): { project: string; flows: Record<string, string> } {
  const project = fs.mkdtempSync(path.join(packageDir, "bench", ".generated-typecheck-"));
  const fixture = path.join(packageDir, "test", "fixtures", "project");
  fs.copyFileSync(path.join(fixture, "tsconfig.json"), path.join(project, "tsconfig.json"));
  fs.mkdirSync(path.join(project, "flows"));
  const flows: Record<string, string> = {
    "no builder import": "flows/plain.ts",
    "trivial flow": "flows/trivial.ts",
    tutorial: "flows/do-you-like-bots.ts",
  };
  fs.writeFileSync(
    path.join(project, flows["no builder import"]!),
    'export default { description: "plain" };\n',
  );
  fs.writeFileSync(
    path.join(project, flows["trivial flow"]!),
    'import { flow, sendMessage } from "studiokit";\n\n' +
      'export default flow({ description: "trivial", on: { incomingMessage: sendMessage("hi", { body: "hi" }) } });\n',
  );
  fs.copyFileSync(path.join(fixture, flows.tutorial!), path.join(project, flows.tutorial!));
  for (const widgets of [100, 1000]) {
    const { definition } = compileWithIssues(generateFlow(widgets + 1));
    const { code } = importFlow(definition, { builderImport: "studiokit", source: `generated ${widgets}` });
    flows[`${widgets} widgets`] = `flows/generated-${widgets}.ts`;
    fs.writeFileSync(path.join(project, `flows/generated-${widgets}.ts`), code);
  }
  return { project, flows };
}

const ms = (value: number) => (value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`);
const cost = (samples: readonly Cost[]) =>
  `${ms(median(samples.map((s) => s.wall)))} (cpu ${ms(median(samples.map((s) => s.cpu)))})`;

/**
 * `npm run bench -- typecheck`: the type check's cost per flow file (the tutorial, and generated
 * flows of 100 and 1,000 widgets imported as builder TypeScript), each in a fresh process as
 * `studiokit validate` runs it: cold (nothing cached: the compiler loads and parses the
 * declarations), warm (nothing cached for this file, another file checked first in the same
 * process), cached (the answer from the cache). Medians of 5 rounds, wall time and CPU time
 * (the machine is shared: CPU time is the steadier figure). Then the two figures issue 16 asks
 * for: the fixed cost of the builder's types (a trivial builder flow cold, minus a file that
 * imports nothing, cold) and the 1,000-widget flow's own check time (warm). Needs `npm run build`.
 */
export function run(): void {
  if (!fs.existsSync(compilerEntry))
    throw new Error("typecheck: run `npm run build` first (it checks dist/)");
  const { project, flows } = makeProject();
  try {
    const lines: string[] = [];
    const colds = new Map<string, Cost[]>();
    const warms = new Map<string, Cost[]>();
    for (const [label, file] of Object.entries(flows)) {
      const cold: Cost[] = [];
      const warm: Cost[] = [];
      const cached: Cost[] = [];
      for (let round = 0; round < rounds; round++) {
        const cacheDir = fs.mkdtempSync(path.join(project, ".cache-"));
        cold.push(checkInFreshProcess(project, cacheDir, file));
        cached.push(checkInFreshProcess(project, cacheDir, file));
        const other = file === flows.tutorial ? flows["100 widgets"] : flows.tutorial;
        warm.push(checkInFreshProcess(project, fs.mkdtempSync(path.join(project, ".cache-")), file, other));
      }
      colds.set(label, cold);
      warms.set(label, warm);
      const length = fs.readFileSync(path.join(project, file), "utf8").split("\n").length;
      lines.push(
        `${label} (${length} lines): cold ${cost(cold)}, warm ${cost(warm)}, cached ${cost(cached)}`,
      );
    }
    const cpu = (samples: readonly Cost[] | undefined) => median((samples ?? []).map((s) => s.cpu));
    const fixed = cpu(colds.get("trivial flow")) - cpu(colds.get("no builder import"));
    lines.push(
      `fixed cost of the builder's types (trivial flow cold − no import cold): cpu ${ms(fixed)}`,
      `1000-widget flow's own check time (warm): cpu ${ms(cpu(warms.get("1000 widgets")))}`,
    );
    process.stdout.write(
      `type check per flow file (median of ${rounds} fresh processes):\n${lines.map((l) => `  ${l}\n`).join("")}`,
    );
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
}
