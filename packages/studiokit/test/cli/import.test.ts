import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatTypeScript } from "../../src/cli";
import { importFlow } from "../../src/codegen";
import { canonicalJson, type FlowDefinition } from "../../src/definition";
import { repoRoot, runCli, spawnCli } from "../support/run-cli";
import { legacyFlowFile, realFlowsDir, seedFlowPath, userCompilerOptions } from "../support/fixtures";

const out = path.join(repoRoot, "test", ".generated", "cli-import");
const tricky = path.join(repoRoot, "test", "codegen", "fixtures", "import-tricky.json");
const seed = JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as FlowDefinition;

/** What import prints for the tutorial: the module as it would sit in flows/. */
async function tutorialModule(): Promise<string> {
  const { code } = importFlow(seed, { source: "do-you-like-bots.json" });
  return (await formatTypeScript(code, path.join(repoRoot, "flows", "do-you-like-bots.ts"))).code;
}

beforeAll(() => {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  // A user's project, where `studiokit` is the built package. (Under the package's tsconfig it
  // names the kit's sources, and the type check of an imported module would check all of them.)
  fs.writeFileSync(path.join(out, "tsconfig.json"), JSON.stringify({ compilerOptions: userCompilerOptions }));
});

// Removed afterwards: a stale module would fail `npm run typecheck` once the builder changes.
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe("studiokit import", () => {
  it("prints the module for flows/ when no --out is given", async () => {
    const expected = await tutorialModule();
    expect(expected.split("\n").slice(0, 2)).toEqual([
      "// Imported from do-you-like-bots.json by studiokit import.",
      'import { flow, matchesAnyOf, sendAndWaitForReply, sendMessage, splitBasedOn } from "studiokit";',
    ]);
    expect(await runCli(["import", seedFlowPath])).toEqual({ code: 0, stdout: expected, stderr: "" });
  });

  it("writes --out with the builder imported from the package, and the module compiles to the input", async () => {
    const file = path.relative(repoRoot, path.join(out, "bots.ts"));
    expect(await runCli(["import", seedFlowPath, "--out", file])).toEqual({
      code: 0,
      stdout: `wrote ${file}\n`,
      stderr: "",
    });
    expect(fs.readFileSync(path.join(repoRoot, file), "utf8")).toContain('} from "studiokit";\n');
    const compiled = await runCli(["compile", file]);
    expect(compiled).toEqual({ code: 0, stdout: canonicalJson(seed), stderr: "" });
    expect(await runCli(["import", seedFlowPath, "--out", file])).toEqual({
      code: 2,
      stdout: "",
      stderr: `studiokit import: ${file}: already exists; pass --force to overwrite it\n`,
    });
    expect((await runCli(["import", seedFlowPath, "--out", file, "--force"])).code).toBe(0);
    // The compile type-checks the module against the kit's sources: seconds of CPU, more on a
    // loaded machine.
  }, 90_000);

  it("prints what the module cannot carry, and the flow's own validation errors, on stderr", async () => {
    const run = await runCli(["import", tricky, "--out", path.join(out, "tricky.ts")]);
    expect(run.stderr).toBe(
      [
        'studiokit import: widget "2fa code": written with raw(): studiokit has no factory for widget type "future-widget"',
        'studiokit import: widget "ask": transition "deliveryFailure" goes to "ghost", which is not a widget of this flow; left unwired',
        'studiokit import: widget "flow": is_blank condition "blank": it has no value; written with rawCondition',
        `studiokit import: ${tricky} has 1 validation error (see studiokit validate ${tricky}); the module will not compile until they are fixed`,
        "",
      ].join("\n"),
    );
    expect(run.code).toBe(0);
  });

  it("rejects the legacy v1 flow (exit 1, as validate), a module and a missing file (exit 2) with one line each", async () => {
    const legacy = path.join(realFlowsDir, legacyFlowFile);
    expect(await runCli(["import", legacy])).toEqual({
      code: 1,
      stdout: "",
      stderr: `studiokit import: ${legacy}: the flow is invalid: widget "Trigger": states[0].type: "InitialState" is a widget of Studio's retired v1 flow format; studiokit reads v2 definitions. Re-create the flow in the Studio console (v2) and export it from there.\n`,
    });
    expect(await runCli(["import", "test/fixtures/project/flows/do-you-like-bots.ts"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "studiokit import: test/fixtures/project/flows/do-you-like-bots.ts: import reads a flow's JSON (as the Studio console exports it), not a module\n",
    });
    expect(await runCli(["import", "nope.json"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "studiokit import: nope.json: no such file\n",
    });
  });

  it("runs from the real binary", async () => {
    expect(await spawnCli(["import", seedFlowPath])).toEqual({
      code: 0,
      stdout: await tutorialModule(),
      stderr: "",
    });
  });
});
