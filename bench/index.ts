import { run as compile } from "./compile";
import { run as importBench } from "./import";
import { run as validateReal } from "./validate-real";

/** `npm run bench` runs every benchmark; `npm run bench -- <name>` runs one. */
const benches: Record<string, () => void | Promise<void>> = {
  compile,
  "validate-real": validateReal,
  import: importBench,
};

async function main(names: string[]): Promise<number> {
  const unknown = names.filter((n) => !(n in benches));
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(benches).join(", ")}\n`,
    );
    return 2;
  }
  for (const name of names.length > 0 ? names : Object.keys(benches)) await benches[name]!();
  return 0;
}

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
