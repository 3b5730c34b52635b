// Serializes every studiokit provider exactly as `dynamic.Resource` does, in a plain
// `node -r ts-node/register` process: the way `pulumi up` loads a TypeScript program (toolchain
// P4), not vitest's transformed modules. Prints {name: text} as JSON on stdout.
import * as pulumi from "@pulumi/pulumi";
import { providerImplementations, providerStub, type ProviderName } from "../../../src/providers";

async function main(): Promise<void> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(providerImplementations) as ProviderName[]) {
    const stub = providerStub(name);
    out[name] = (await pulumi.runtime.serializeFunction(() => stub, { allowSecrets: true })).text;
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
