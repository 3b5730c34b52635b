import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../support/run-cli";

const doc = fs.readFileSync(path.join(repoRoot, "docs", "review.md"), "utf8");

/** docs/review.md pastes the tools' output; this keeps the paste honest. */
describe("docs/review.md", () => {
  it.each([
    ["diagram", ["diagram", "flows/do-you-like-bots.ts", "--format", "markdown"]],
    [
      "diff",
      [
        "diff",
        "../shared/flows/seed/do-you-like-bots.json",
        "test/codegen/fixtures/tutorial-changed.json",
        "--mermaid",
      ],
    ],
    ["import", ["import", "../shared/flows/seed/do-you-like-bots.json"]],
  ])("shows what studiokit %s prints today", async (_name, args) => {
    const run = await runCli(args);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(doc).toContain(`\n${run.stdout}`);
    expect(doc).toContain(`npx studiokit ${args.join(" ")}`);
  });
});
