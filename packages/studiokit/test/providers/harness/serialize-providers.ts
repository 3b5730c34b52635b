// Serializes every studiokit provider exactly as `dynamic.Resource` does, in a plain
// `node -r ts-node/register` process loading the built package: the way `pulumi up` loads a
// user's TypeScript program, not vitest's transformed modules. Prints {name: text} as JSON.
import * as pulumi from "@pulumi/pulumi";
import { providerImplementations, providerStub, type ProviderName } from "studiokit/pulumi";

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
