import { fileURLToPath } from "node:url";
import type { TestProjectInlineConfiguration } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const src = (entry: string) => fileURLToPath(new URL(`./src/${entry}`, import.meta.url));

// Test files share a process and its imports per worker instead of importing the kit again for
// each file (vitest's summed import time 166 s → 58 s): every file restores what it changes
// (vi.stubEnv is undone after each file by `unstubEnvs`). The tests of Pulumi programs set the
// Pulumi runtime's process-wide mocks and settings: each of those files gets a fresh process.
const isolated = "test/providers/{outputs,project}.test.ts";

const base = {
  root,
  resolve: {
    // The kit's tests import the sources, also where a fixture flow says `from "studiokit"`;
    // child processes (the bin, the Pulumi plugin) load the built package as a user's do.
    alias: [
      { find: /^studiokit$/, replacement: src("index.ts") },
      { find: /^studiokit\/pulumi$/, replacement: src("providers/index.ts") },
      {
        find: /^studiokit\/(definition|engine|testing|emulator|codegen|cli)$/,
        replacement: src("$1/index.ts"),
      },
    ],
  },
  test: {
    // Pulumi's closure serializer require()s every builtin; trace_events throws in worker
    // threads, so dynamic providers only serialize under the forks pool.
    pool: "forks",
    // Retries against a Twilio that fails or never answers pause 1 ms, not 100 ms, before the
    // next try (src/providers/runtime/client.ts); the plugin processes inherit it.
    env: { STUDIOKIT_RETRY_DELAY_MS: "1" },
    // Guards against a hang, not speed limits (speed is measured by `npm run bench`): a test that
    // type-checks a flow in a child process took over 30 s on a 2-core machine under load.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    unstubEnvs: true,
  },
} as const;

/**
 * Test files run at once. vitest's default in a run is one fewer than the cores: one file at a
 * time on a 2-core machine, while most files wait on child processes (the CLI, the Pulumi plugin,
 * tsc, npm) and the network. Three at once took `npm test` from 365 s to 242 s there.
 */
export const maxWorkers = 3;

/** The kit's tests as two vitest projects, for its own config and the repository's. */
export const studiokitProjects: TestProjectInlineConfiguration[] = [
  {
    ...base,
    test: {
      ...base.test,
      name: "studiokit",
      include: ["test/**/*.test.ts"],
      exclude: [isolated],
      isolate: false,
      typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.test-d.json" },
    },
  },
  {
    ...base,
    test: { ...base.test, name: "studiokit:isolated", include: [isolated] },
  },
];
