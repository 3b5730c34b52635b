import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import bots from "../fixtures/project/flows/do-you-like-bots";
import { main, type Io } from "../../src/cli";
import { compileToJson } from "../../src/compiler";
import { canonicalJson, type FlowDefinition } from "../../src/definition";
import { seedFlowPath } from "../support/fixtures";

const root = path.resolve(__dirname, "..", "..");
// Flow modules sit inside the project, beside the sources they import.
const generated = path.join(root, "test", ".generated");
fs.mkdirSync(generated, { recursive: true });
const tmp = fs.mkdtempSync(path.join(generated, "compile-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: root };
  const code = await main(["compile", ...argv], io);
  return { code, stdout, stderr };
}

const builder = path
  .relative(tmp, path.join(root, "src", "builder"))
  .split(path.sep)
  .join("/");

describe("studiokit compile", () => {
  it("prints the canonical JSON of a flow module", async () => {
    expect(await run("test/fixtures/project/flows/do-you-like-bots.ts")).toEqual({
      code: 0,
      stdout: compileToJson(bots),
      stderr: "",
    });
  });

  it("writes the JSON with --out", async () => {
    const out = path.join(tmp, "bots.json");
    expect(await run("test/fixtures/project/flows/do-you-like-bots.ts", "--out", out)).toEqual({
      code: 0,
      stdout: `wrote ${out}\n`,
      stderr: "",
    });
    expect(fs.readFileSync(out, "utf8")).toBe(compileToJson(bots));
  });

  it("exits 1 with the formatted issues when the flow is invalid", async () => {
    const file = path.join(tmp, "dup.ts");
    fs.writeFileSync(
      file,
      [
        `import { flow, sendMessage } from "${builder}";`,
        'const a = sendMessage("same", { body: "a" });',
        'a.on("sent", sendMessage("same", { body: "b" }));',
        "export default flow({ on: { incomingMessage: a } });",
      ].join("\n"),
    );
    // The module imports the kit's sources: their type check is the kit's own (npm run typecheck).
    expect(await run(file, "--no-typecheck")).toEqual({
      code: 1,
      stdout: "",
      stderr: `${file}: widget "same": states: two widgets are named "same": a send-message first reached from "Trigger" on "incomingMessage", and a send-message first reached from "same" on "sent"; give each widget its own name\n`,
    });
  });

  it("prints warnings on stderr and still compiles", async () => {
    const file = path.join(tmp, "warn.ts");
    fs.writeFileSync(
      file,
      [
        `import { flow, raw } from "${builder}";`,
        'export default flow({ on: { incomingMessage: raw("custom", "future-widget", {}, ["done"]) } });',
      ].join("\n"),
    );
    const result = await run(file, "--no-typecheck");
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { states: unknown[] }).states).toHaveLength(2);
    expect(result.stderr.split("\n")[0]).toContain(`${file}: widget "custom": states[1].type: warning: `);
    // --strict: the same warnings fail, and nothing is written.
    expect(await run(file, "--no-typecheck", "--strict")).toEqual({
      code: 1,
      stdout: "",
      stderr: result.stderr,
    });
  });

  it("canonicalizes and checks a JSON definition too", async () => {
    const seed = JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as FlowDefinition;
    expect(await run(seedFlowPath)).toEqual({ code: 0, stdout: canonicalJson(seed), stderr: "" });
  });

  it("exits 2 with one line on unusable input", async () => {
    expect(await run("flows/missing.ts")).toEqual({
      code: 2,
      stdout: "",
      stderr: "studiokit compile: flows/missing.ts: no such file\n",
    });
    expect(await run()).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "studiokit compile: give exactly one flow file; usage: studiokit compile <flow.ts|flow.json> [--out file.json] [--strict] [--no-typecheck]\n",
    });
    expect((await run("test/fixtures/project/flows/do-you-like-bots.ts", "--bogus")).code).toBe(2);
  });

  it("runs as the real binary", async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(root, "bin", "studiokit.js"), "compile", "test/fixtures/project/flows/do-you-like-bots.ts"],
      { cwd: root },
    );
    expect({ stdout, stderr }).toEqual({ stdout: compileToJson(bots), stderr: "" });
  });
});
