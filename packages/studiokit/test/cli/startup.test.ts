import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectDir, seedFlowPath } from "../support/fixtures";

/*
 * What the command loads before it answers: start-up is most of what `studiokit validate` costs
 * (`npm run bench -- package startup` measures it). A preloaded script lists every module file the
 * process compiled; the test names the packages, the kit's rooms and the compiler's modules among
 * them. The command runs a bundle (dist/bin/, scripts/build-cli.mjs) whose files mark where each
 * module starts with a comment naming its source (`// src/compiler/files.ts`,
 * `// ../../node_modules/zod/v4/locales/en.js`); those marks are read too. `studiokit/cli`, the
 * same command as tsc's output in dist/cli/, is checked as well: the narrow door keeps the
 * builder out of its `validate` without a bundler's help.
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

interface Loaded {
  readonly stdout: string;
  /** Packages, by name, whose files or bundled modules ran. */
  readonly packages: string[];
  /** The zod locales among them (every zod entry point loads all 60 when zod is not bundled). */
  readonly zodLocales: string[];
  /** The kit's rooms whose files (dist/<room>/) or bundled modules (src/<room>/) ran. */
  readonly rooms: string[];
  /** The compiler room's modules among them. */
  readonly compiler: string[];
  /** How many of tsc's output files (dist/, outside the bundle's dist/bin/) ran. */
  readonly tscFiles: number;
}

/** Where each module of the files the process compiled came from: their paths, and a bundle's marks. */
async function loaded(args: readonly string[], script: readonly string[] = [bin]): Promise<Loaded> {
  const { stdout } = await run(process.execPath, ["-r", recorder, ...script, ...args], { cwd: dir });
  const files = JSON.parse(fs.readFileSync(path.join(dir, "loaded.json"), "utf8")) as string[];
  const dist = `${packageDir.split(path.sep).join("/")}/dist/`;
  const sources = files.flatMap((file) => {
    const at = file.split(path.sep).join("/");
    if (!at.startsWith(`${dist}bin/`)) return [at.startsWith(dist) ? `src/${at.slice(dist.length)}` : at];
    const marks = fs.readFileSync(file, "utf8").matchAll(/^\/\/ (src\/\S+|\S*node_modules\/\S+)$/gm);
    return [...marks].map((mark) => mark[1]!);
  });
  const tscFiles = files.filter((file) => {
    const at = file.split(path.sep).join("/");
    return at.startsWith(dist) && !at.startsWith(`${dist}bin/`);
  }).length;
  const names = (pattern: RegExp) => [...new Set(sources.flatMap((f) => pattern.exec(f)?.[1] ?? []))].sort();
  return {
    stdout,
    packages: names(/node_modules\/((?:@[^/]+\/)?[^/]+)\//),
    zodLocales: names(/node_modules\/zod\/v4\/locales\/([^/]+)\.c?js$/),
    rooms: names(/^src\/([^/]+)\//),
    compiler: names(/^src\/compiler\/([^/]+)\.[jt]s$/),
    tscFiles,
  };
}

const version = (
  JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }
).version;
const validOutput = `${seedFlowPath}: ok\n1 file checked: 0 errors, 0 warnings\n`;

describe("start-up", () => {
  it("--version loads no room but the command's own (and the compiler's record of flow modules run) and no package", async () => {
    expect(await loaded(["--version"])).toEqual({
      stdout: `${version}\n`,
      packages: [],
      zodLocales: [],
      rooms: ["cli", "compiler"],
      compiler: ["modules-run"],
      tscFiles: 0,
    });
  });

  it("validate on a JSON flow loads zod's English messages only, and neither the builder, the compiler proper, the type check, the project room, liquidjs nor TypeScript", async () => {
    expect(await loaded(["validate", seedFlowPath])).toEqual({
      stdout: validOutput,
      packages: ["zod"],
      zodLocales: ["en"],
      rooms: ["cli", "compiler", "definition", "validator"],
      compiler: ["files", "flow-json", "modules-run"],
      tscFiles: 0,
    });
  });

  it("validate on a flow module loads the compiler and the builder, which it needs, once: the module's `studiokit` is the bundle's", async () => {
    const flow = path.join(projectDir, "flows", "do-you-like-bots.ts");
    const result = await loaded(["validate", "--no-typecheck", flow]);
    expect(result.stdout).toBe(`${flow}: ok\n1 file checked: 0 errors, 0 warnings\n`);
    expect(result.rooms).toEqual(expect.arrayContaining(["builder", "compiler"]));
    expect(result.compiler).toEqual(expect.arrayContaining(["compile", "flow-file", "typecheck"]));
    expect(result.tscFiles).toBe(0);
  });

  it("test on a JSON flow's scenarios loads neither liquidjs (plain-path Liquid), js-yaml (plain YAML) nor TypeScript", async () => {
    const file = path.join(dir, "bots.scenarios.yaml");
    fs.writeFileSync(
      file,
      [
        `flow: ${JSON.stringify(seedFlowPath)}`,
        "scenarios:",
        "  - name: yes",
        '    trigger: { event: incomingConversationMessage, from: "+15558675310", to: "+15017122661", body: hi }',
        "    steps: [{ expect: { send: 'Hi, do you like bots?' } }, { reply: Yes }, { expect: { send: 🤖, ended: true } }]",
        "  - name: timeout",
        '    trigger: { event: incomingConversationMessage, from: "+15558675310", to: "+15017122661", body: hi }',
        "    steps: [{ wait: 3600 }, { expect: { ended: true } }]",
        "",
      ].join("\n"),
    );
    expect(await loaded(["test", file])).toEqual({
      stdout: "2 passed, 0 failed\n",
      packages: ["zod"],
      zodLocales: ["en"],
      rooms: ["builder", "cli", "compiler", "definition", "engine", "testing", "validator"],
      compiler: [
        "collect",
        "compile",
        "files",
        "flow-file",
        "flow-json",
        "index",
        "layout",
        "load-error",
        "modules-run",
        "node-crypto",
        "package-files",
        "render",
        "transpile-cache",
        "typecheck",
        "typecheck-cache",
        "typescript-hook",
      ],
      tscFiles: 0,
    });
  });

  it("studiokit/cli (tsc's output) keeps the builder and the compiler proper out of validate on a JSON flow", async () => {
    const script = `require(${JSON.stringify(path.join(packageDir, "dist", "cli", "main"))}).main(process.argv.slice(1))`;
    const { packages, zodLocales, tscFiles, ...result } = await loaded(
      ["validate", seedFlowPath],
      ["-e", script],
    );
    expect(tscFiles).toBeGreaterThan(0);
    expect(result).toEqual({
      stdout: validOutput,
      rooms: ["cli", "compiler", "definition", "validator"],
      compiler: ["files", "flow-json", "modules-run", "reading"],
    });
    // zod unbundled: every entry point loads all its locales.
    expect({ packages, en: zodLocales.includes("en") }).toEqual({ packages: ["zod"], en: true });
  });
});
