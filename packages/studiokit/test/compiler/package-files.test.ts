import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import type * as TypeScript from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { authorProject, authorTsconfig } from "../support/author-project";

/*
 * The packages' parsed declarations, shared by the type checks of one process. The checks run in
 * a fresh Node process on the built compiler (dist/), so that nothing another test parsed in this
 * worker is counted; the bound and the change rules are the built PackageFiles' own.
 */

const run = promisify(execFile);
const dist = path.resolve(__dirname, "..", "..", "dist", "compiler");
const flow =
  'import { flow, sendMessage } from "studiokit";\nexport default flow({ on: { incomingMessage: sendMessage("hi", { body: "Hi" }) } });\n';
const projects = [
  authorProject("package-files-a-", { "flows/a.ts": flow }),
  authorProject("package-files-b-", { "flows/b.ts": flow }),
  authorProject("package-files-c-", {
    "flows/c.ts": flow,
    "tsconfig.json": JSON.stringify({
      compilerOptions: { ...authorTsconfig.compilerOptions, target: "ES2019" },
    }),
  }),
];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-package-files-"));
afterAll(() => {
  for (const dir of [...projects, scratch]) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the type check's package declarations", () => {
  it("are parsed once for every project whose options parse them alike, again for one whose options differ", async () => {
    const script = `
      const { typecheckFlowFiles } = require(${JSON.stringify(path.join(dist, "index.js"))});
      const { packageFiles } = require(${JSON.stringify(path.join(dist, "package-files.js"))});
      const sizes = [];
      for (const [dir, file] of ${JSON.stringify(projects.map((dir, i) => [dir, `flows/${"abc"[i]}.ts`]))}) {
        const issues = typecheckFlowFiles([file], { cwd: dir, cacheDir: null }).get(file);
        sizes.push({ issues: issues.length, ...packageFiles.size });
      }
      process.stdout.write(JSON.stringify(sizes));`;
    const { stdout } = await run(process.execPath, ["-e", script], { encoding: "utf8" });
    const [a, b, c] = JSON.parse(stdout) as Array<{
      issues: number;
      files: number;
      characters: number;
      parsed: number;
    }>;
    expect([a?.issues, b?.issues, c?.issues]).toEqual([0, 0, 0]);
    // TypeScript's lib files, @types-free: studiokit's declarations and zod's, at the least.
    expect(a!.files).toBeGreaterThan(20);
    expect(b).toEqual(a);
    // ES2019 parses every file its own way (another target), and reads lib files of its own.
    expect(c!.parsed - b!.parsed).toBe(c!.files - b!.files);
    expect(c!.files).toBeGreaterThan(b!.files);
  });

  it("keep at most their bound of source text, the least recently used going first, and parse a changed file again", async () => {
    const { PackageFiles } = (await import(path.join(dist, "package-files.js"))) as {
      PackageFiles: new (bound: number) => {
        get(
          ts: typeof TypeScript,
          file: string,
          key: string,
          how: TypeScript.ScriptTarget,
          read: (file: string) => string | undefined,
        ): TypeScript.SourceFile | undefined;
        readonly size: { files: number; characters: number; parsed: number };
      };
    };
    const files = ["a", "b", "c"].map((name) => {
      const file = path.join(scratch, `${name}.d.ts`);
      fs.writeFileSync(file, `export declare const ${name}: "${name.repeat(40)}";\n`);
      return file;
    });
    const length = fs.readFileSync(files[0]!, "utf8").length;
    const kept = new PackageFiles(2 * length);
    const read = (file: string) => fs.readFileSync(file, "utf8");
    const get = (file: string) => kept.get(ts, file, "key", ts.ScriptTarget.ES2022, read);

    const first = get(files[0]!);
    expect(get(files[0]!)).toBe(first);
    get(files[1]!);
    expect(kept.size).toEqual({ files: 2, characters: 2 * length, parsed: 2 });
    get(files[0]!); // a is now the most recently used: c pushes b out
    get(files[2]!);
    expect(kept.size).toEqual({ files: 2, characters: 2 * length, parsed: 3 });
    expect(get(files[0]!)).toBe(first);
    get(files[1]!);
    expect(kept.size.parsed).toBe(4);

    fs.writeFileSync(files[1]!, `export declare const b: "changed";\n`);
    expect(get(files[1]!)?.text).toBe(`export declare const b: "changed";\n`);
    expect(kept.size.parsed).toBe(5);
    fs.rmSync(files[2]!);
    expect(get(files[2]!)).toBeUndefined();
  });
});
