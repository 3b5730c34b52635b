import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = path.resolve(__dirname, "..", "..", "bin", "studiokit.js");

describe("bin/studiokit.js", () => {
  it("loads a TypeScript module outside the repo through the transpile cache", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-hook-"));
    const file = path.join(dir, "answer.ts");
    fs.writeFileSync(file, "const answer: number = 41 + 1;\nexport default answer;\n");
    const hook = path.resolve(__dirname, "..", "..", "dist", "compiler", "typescript-hook.js");
    const script = `require(${JSON.stringify(hook)}).registerTypeScript();
      process.stdout.write(String(require(${JSON.stringify(file)}).default));`;
    const first = await run(process.execPath, ["-e", script]);
    const second = await run(process.execPath, ["-e", script]);
    expect([first.stdout, second.stdout]).toEqual(["42", "42"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers an unknown command with one line and exit 2", async () => {
    const error = await run(process.execPath, [bin, "frobnicate"]).then(
      () => undefined,
      (e: { code: number; stderr: string; stdout: string }) => e,
    );
    expect(error).toMatchObject({
      code: 2,
      stdout: "",
      stderr: 'studiokit: unknown command "frobnicate"; run "studiokit help" for the list\n',
    });
  });
});
