import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (entry: string) => fileURLToPath(new URL(`./src/${entry}`, import.meta.url));

export default defineConfig({
  resolve: {
    // The kit's tests import the sources, also where a fixture flow says `from "studiokit"`;
    // child processes (the bin, the Pulumi plugin) load the built package as a user's do.
    alias: [
      { find: /^studiokit$/, replacement: src("index.ts") },
      { find: /^studiokit\/pulumi$/, replacement: src("providers/index.ts") },
      { find: /^studiokit\/(engine|testing|emulator|codegen|cli)$/, replacement: src("$1/index.ts") },
    ],
  },
  test: {
    name: "studiokit",
    include: ["test/**/*.test.ts"],
    // Pulumi's closure serializer require()s every builtin; trace_events throws in worker
    // threads, so dynamic providers only serialize under the forks pool.
    pool: "forks",
    // Retries against a Twilio that fails or never answers pause 1 ms, not 100 ms, before the
    // next try (src/providers/runtime/client.ts); the plugin processes inherit it.
    env: { STUDIOKIT_BACKOFF_MS: "1" },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.test-d.json" },
  },
});
