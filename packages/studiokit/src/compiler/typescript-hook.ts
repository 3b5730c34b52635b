import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type * as TypeScript from "typescript";

/*
 * Lets `require` load a flow module written in TypeScript. Each file is transpiled once (types
 * are not checked here) and the JavaScript is cached under a hash of its text and name, so a later
 * run loads neither the file's transpile nor the TypeScript compiler itself.
 */

let typescript: typeof TypeScript | undefined;
let cacheDir: string | null | undefined;

function findCacheDir(cwd: string): string | null {
  for (const dir of [
    path.join(cwd, "node_modules", ".cache", "studiokit"),
    path.join(os.tmpdir(), "studiokit-cache"),
  ]) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
      return dir;
    } catch {
      // not writable: try the next place
    }
  }
  return null;
}

/** The CommonJS JavaScript for one TypeScript module's text, from the cache when it is there. */
export function transpile(source: string, filename: string): string {
  if (cacheDir === undefined) cacheDir = findCacheDir(process.cwd());
  const key = crypto.createHash("sha1").update(source).update(filename).digest("hex");
  const cached = cacheDir === null ? undefined : path.join(cacheDir, `${key}.js`);
  if (cached !== undefined) {
    try {
      return fs.readFileSync(cached, "utf8");
    } catch {
      // not cached yet
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only on a cache miss
  typescript ??= require("typescript") as typeof TypeScript;
  const output = typescript.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: typescript.ModuleKind.CommonJS,
      target: typescript.ScriptTarget.ES2022,
      esModuleInterop: true,
      resolveJsonModule: true,
    },
  }).outputText;
  if (cached !== undefined) {
    const temporary = `${cached}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temporary, output);
      fs.renameSync(temporary, cached);
    } catch {
      // a cache we cannot write only costs speed
    }
  }
  return output;
}

interface CompilingModule {
  _compile(code: string, filename: string): void;
}

/**
 * Registers the hook for `.ts`, `.cts` and `.mts`-free CommonJS loading, unless something (ts-node
 * under `pulumi up`, vitest) already handles `.ts`.
 */
export function registerTypeScript(): void {
  const hooks = require.extensions as Record<string, unknown>;
  for (const extension of [".ts", ".cts"]) {
    if (hooks[extension] !== undefined) continue;
    hooks[extension] = (module: CompilingModule, filename: string) => {
      module._compile(transpile(fs.readFileSync(filename, "utf8"), filename), filename);
    };
  }
}
