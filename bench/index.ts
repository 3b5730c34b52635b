/**
 * `npm run bench` runs every benchmark; `npm run bench -- <name> [args]` runs one.
 * Each benchmark module exports `run(args)` and prints its own figures.
 */
import * as engineSteps from "./engine-steps";
import * as fuzz from "./fuzz";
import * as scenarios from "./scenarios";

interface Bench {
  run(args: string[]): Promise<void>;
}

const benches: Record<string, Bench> = {
  "engine-steps": engineSteps,
  fuzz,
  scenarios,
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
    await benches[key]!.run(args);
  }
}

void main(process.argv.slice(2));
