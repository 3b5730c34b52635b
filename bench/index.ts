// `npm run bench -- <name>` runs one benchmark; no name runs them all, one after another.
import { emulatorBench } from "./emulator";
import { providersBench } from "./providers";

const benches: Record<string, () => Promise<void>> = {
  emulator: emulatorBench,
  providers: providersBench,
};

async function run(names: string[]): Promise<void> {
  const unknown = names.filter((n) => !(n in benches));
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(benches).join(", ")}\n`,
    );
    process.exitCode = 2;
    return;
  }
  for (const name of names.length > 0 ? names : Object.keys(benches)) await benches[name]!();
}

run(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
