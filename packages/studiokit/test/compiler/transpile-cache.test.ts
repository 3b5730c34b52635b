import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

/*
 * The transpile cache across processes, as the command uses it: each run is a fresh Node process
 * on the built hook (dist/), its working directory a scratch project, so the cache lives in
 * <scratch>/node_modules/.cache/studiokit/transpile/. A run prints what its modules exported and
 * how many transpiles it made.
 */

const run = promisify(execFile);
const hook = path.resolve(__dirname, "..", "..", "dist", "compiler", "typescript-hook.js");
let dir: string;
let cacheDir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-transpile-"));
  cacheDir = path.join(dir, "node_modules", ".cache", "studiokit", "transpile");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Loads the modules in order in one process; their default exports and the transpiles it made. */
async function load(files: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const script = `const hook = require(${JSON.stringify(hook)});
    hook.registerTypeScript();
    const values = ${JSON.stringify(files)}.map((f) => require(require("node:path").resolve(f)).default);
    process.stdout.write(values.join(",") + " transpiles=" + hook.transpileCount());`;
  const { stdout } = await run(process.execPath, ["-e", script], {
    cwd: dir,
    env: { ...process.env, ...env },
  });
  return stdout;
}

const write = (name: string, value: number) =>
  fs.writeFileSync(path.join(dir, name), `const value: number = ${value};\nexport default value;\n`);

const entries = () => fs.readdirSync(cacheDir).sort();

describe("the transpile cache", () => {
  it("transpiles a module once: a second run loads it from the cache", async () => {
    write("answer.ts", 42);
    expect(await load(["answer.ts"])).toBe("42 transpiles=1");
    expect(await load(["answer.ts"])).toBe("42 transpiles=0");
    expect(entries()).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.js$/)]);
  });

  it("hits for the same text under another name or directory (the base side of diff --pr)", async () => {
    write("answer.ts", 42);
    fs.mkdirSync(path.join(dir, "elsewhere"));
    expect(await load(["answer.ts"])).toBe("42 transpiles=1");
    fs.copyFileSync(
      path.join(dir, "answer.ts"),
      path.join(dir, "elsewhere", ".studiokit-main-123-answer.ts"),
    );
    expect(await load(["elsewhere/.studiokit-main-123-answer.ts"])).toBe("42 transpiles=0");
    expect(entries()).toHaveLength(1);
  });

  it("transpiles again when the text changes", async () => {
    write("answer.ts", 42);
    expect(await load(["answer.ts"])).toBe("42 transpiles=1");
    write("answer.ts", 43);
    expect(await load(["answer.ts"])).toBe("43 transpiles=1");
    expect(await load(["answer.ts"])).toBe("43 transpiles=0");
    expect(entries()).toHaveLength(2);
  });

  it("names the file in the source map, not the name the cached transpile was made under", async () => {
    write("answer.ts", 42);
    fs.copyFileSync(path.join(dir, "answer.ts"), path.join(dir, "copy.ts"));
    const script = `require(${JSON.stringify(hook)}).registerTypeScript();
      require("./answer.ts"); require("./copy.ts");
      for (const f of ["answer.ts", "copy.ts"]) {
        const map = require("node:module").findSourceMap(require("node:path").resolve(f));
        process.stdout.write(JSON.stringify([map.payload.file, map.payload.sources]) + "\\n");
      }`;
    const { stdout } = await run(process.execPath, ["--enable-source-maps", "-e", script], { cwd: dir });
    const url = (name: string) => pathToFileURL(path.join(fs.realpathSync(dir), name)).href;
    expect(stdout).toBe(
      `${JSON.stringify(["answer.js", [url("answer.ts")]])}\n${JSON.stringify(["copy.js", [url("copy.ts")]])}\n`,
    );
  });

  it("removes the transpiles the unbounded layout left at the cache directory's root", async () => {
    const root = path.dirname(cacheDir);
    fs.mkdirSync(root, { recursive: true });
    const legacy = [
      "0123456789abcdef0123456789abcdef01234567.js",
      "89abcdef0123456789abcdef0123456789abcdef.js.77.tmp",
    ];
    for (const name of [...legacy, "keep.json"]) fs.writeFileSync(path.join(root, name), "x");
    write("answer.ts", 42);
    expect(await load(["answer.ts"])).toBe("42 transpiles=1");
    expect(fs.readdirSync(root).sort()).toEqual(["keep.json", "transpile"]);
  });

  it("evicts the least recently used entries when a write takes it past its bound", async () => {
    for (const [i, name] of ["a.ts", "b.ts", "c.ts", "d.ts"].entries()) write(name, i);
    expect(await load(["a.ts", "b.ts", "c.ts"])).toBe("0,1,2 transpiles=3");
    const sizes = entries().map((e) => fs.statSync(path.join(cacheDir, e)).size);
    const bound = sizes.reduce((n, s) => n + s, 0) + 10; // three entries fit, a fourth does not
    // Make the order of use certain: c oldest, then a, b; then a is used again (a hit renews it).
    const byValue = new Map<string, string>();
    for (const e of entries())
      byValue.set(fs.readFileSync(path.join(cacheDir, e), "utf8").match(/= (\d);/)![1]!, e);
    const when = (seconds: number) => new Date(Date.now() - seconds * 1000);
    for (const [value, age] of [
      ["2", 30],
      ["0", 20],
      ["1", 10],
    ] as const)
      fs.utimesSync(path.join(cacheDir, byValue.get(value)!), when(age), when(age));
    const env = { STUDIOKIT_TRANSPILE_CACHE_BYTES: String(bound) };
    expect(await load(["a.ts", "d.ts"], env)).toBe("0,3 transpiles=1");
    // Over the bound after d: evicted down to three quarters of it, least recently used first (c, then b).
    const left = entries().map((e) => fs.readFileSync(path.join(cacheDir, e), "utf8").match(/= (\d);/)![1]);
    expect(left.sort()).toEqual(["0", "3"]);
    const total = entries().reduce((n, e) => n + fs.statSync(path.join(cacheDir, e)).size, 0);
    expect(total).toBeLessThanOrEqual((bound * 3) / 4);
    expect(await load(["a.ts", "b.ts"], env)).toBe("0,1 transpiles=1");
  });
});
