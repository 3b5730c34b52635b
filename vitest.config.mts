import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Pulumi's closure serializer require()s every builtin; trace_events throws in worker
    // threads, so dynamic providers only serialize under the forks pool (toolchain.md P3).
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
