import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFlowPath } from "../support/fixtures";

/*
 * What the command loads before it answers: start-up is most of what `studiokit validate` costs
 * (`npm run bench -- package startup` measures it). A preloaded script lists every module file the
 * process compiled; the test names the packages and rooms of the kit among them.
 */

const run = promisify(execFile);
const packageDir = path.resolve(__dirname, "..", "..");
const bin = path.join(packageDir, "bin", "studiokit.js");
let dir: string;
let recorder: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-startup-"));
  recorder = path.join(dir, "record.js");
  fs.writeFileSync(
    recorder,
    `const Module = require("node:module");
     const compile = Module.prototype._compile;
     const files = [];
     Module.prototype._compile = function (code, file) { files.push(file); return compile.call(this, code, file); };
     process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(path.join(dir, "loaded.json"))}, JSON.stringify(files)));`,
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The packages (by name) and the kit's rooms (`dist/<room>`) a run of the command loaded. */
async function loaded(
  args: readonly string[],
): Promise<{ stdout: string; packages: string[]; rooms: string[] }> {
  const { stdout } = await run(process.execPath, ["-r", recorder, bin, ...args], { cwd: dir });
  const files = JSON.parse(fs.readFileSync(path.join(dir, "loaded.json"), "utf8")) as string[];
  const names = (pattern: RegExp) =>
    [...new Set(files.flatMap((f) => pattern.exec(f.split(path.sep).join("/"))?.[1] ?? []))].sort();
  return {
    stdout,
    packages: names(/node_modules\/((?:@[^/]+\/)?[^/]+)\//),
    rooms: names(new RegExp(`^${packageDir.split(path.sep).join("/")}/dist/([^/]+)/`)),
  };
}

describe("start-up", () => {
  it("--version loads no room but the command's own and no package", async () => {
    expect(await loaded(["--version"])).toEqual({
      stdout: `${(JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }).version}\n`,
      packages: [],
      rooms: ["cli"],
    });
  });

  it("validate on a JSON flow loads neither the project room (and its YAML parser), liquidjs nor TypeScript", async () => {
    expect(await loaded(["validate", seedFlowPath])).toEqual({
      stdout: `${seedFlowPath}: ok\n1 file checked: 0 errors, 0 warnings\n`,
      packages: ["zod"],
      rooms: ["builder", "cli", "compiler", "definition", "validator"],
    });
  });
});
