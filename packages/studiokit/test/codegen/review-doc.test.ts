import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectDir } from "../support/fixtures";
import { runCli } from "../support/run-cli";

// The repository's docs/review.md (beside the package) shows the tools on the kit's test project.
const doc = fs.readFileSync(path.join(__dirname, "..", "..", "..", "..", "docs", "review.md"), "utf8");

/** docs/review.md pastes the tools' output; this keeps the paste honest. */
describe("docs/review.md", () => {
  it.each([
    ["diagram", ["diagram", "flows/do-you-like-bots.ts", "--format", "markdown"]],
    ["diff", ["diff", "exports/do-you-like-bots.json", "exports/do-you-like-bots-changed.json", "--mermaid"]],
    ["import", ["import", "exports/do-you-like-bots.json"]],
  ])("shows what studiokit %s prints today", async (_name, args) => {
    const run = await runCli(args, projectDir);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(doc).toContain(`\n${run.stdout}`);
    expect(doc).toContain(`npx studiokit ${args.join(" ")}`);
  });
});
