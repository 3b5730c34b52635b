/**
 * `npm run bench` runs every benchmark; `npm run bench -- <name> [args]` runs one.
 * Each benchmark module prints its own figures.
 */
import * as accounts from "./accounts";
import { run as compile } from "./compile";
import * as emulator from "./emulator";
import * as engineSteps from "./engine-steps";
import * as fuzz from "./fuzz";
import { run as importBench } from "./import";
import * as live from "./live";
import { packageBench } from "./package";
import { devBench } from "./dev";
import { run as diffPr } from "./diff-pr";
import * as providers from "./providers";
import * as scenarios from "./scenarios";
import { run as typecheck } from "./typecheck";
import { run as validateReal } from "./validate-real";

const benches: Record<string, (args: string[]) => void | Promise<void>> = {
  compile: () => compile(),
  "validate-real": () => validateReal(),
  import: () => importBench(),
  "engine-steps": engineSteps.run,
  fuzz: fuzz.run,
  scenarios: scenarios.run,
  typecheck: () => typecheck(),
  emulator: () => emulator.emulatorBench(),
  providers: () => providers.providersBench(),
  "fault-soak": () => providers.faultSoak(),
  live: live.liveBench,
  package: packageBench,
  pull: () => accounts.pull(),
  sms: () => accounts.sms(),
  dev: () => devBench(),
  "diff-pr": () => diffPr(),
};

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (name !== undefined && !(name in benches)) {
    process.stderr.write(`bench: unknown benchmark "${name}"; known: ${Object.keys(benches).join(", ")}\n`);
    process.exitCode = 2;
    return;
  }
  for (const key of name === undefined ? Object.keys(benches) : [name]) {
    process.stdout.write(`== ${key}\n`);
    await benches[key]!(args);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
