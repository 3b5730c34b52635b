import { defineConfig } from "vitest/config";
import { maxWorkers, studiokitProjects } from "./packages/studiokit/vitest.projects.mjs";

// `npm test` runs two projects: the kit's own tests (packages/studiokit) and this project's
// tests of its flows and its Pulumi program (test/), which import studiokit as a user does.
export default defineConfig({
  test: {
    maxWorkers,
    projects: [
      ...studiokitProjects,
      {
        test: {
          name: "project",
          include: ["test/**/*.test.ts"],
          // Pulumi's closure serializer needs the forks pool (worker threads lack trace_events).
          pool: "forks",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
