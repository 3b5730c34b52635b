import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { SourceMap, type SourceMapPayload, type SourceMapping } from "node:module";
import path from "node:path";
import type * as TypeScript from "typescript";

/*
 * Lets `require` load a flow module written in TypeScript. Each file is transpiled once (types
 * are checked apart, by typecheck.ts) and the JavaScript, with an inline source map, is cached
 * under a hash of its text and name, so a later run loads neither the file's transpile nor the
 * TypeScript compiler itself. The map turns a position in a load error's stack back into the
 * author's line (load-error.ts).
 */

let typescript: typeof TypeScript | undefined;
let cacheDir: string | null | undefined;

/** Bumped when the transpile's output changes shape (v2: inline source maps). */
const transpileVersion = "2";

/** The JavaScript each file was last loaded as, by absolute file name (read only for a load error). */
const loaded = new Map<string, string>();

/** The cache directory of studiokit's transpiles and type checks, or null when none is writable. */
export function studiokitCacheDir(): string | null {
  if (cacheDir === undefined) cacheDir = findCacheDir(process.cwd());
  return cacheDir;
}

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
  const dir = studiokitCacheDir();
  const key = crypto
    .createHash("sha1")
    .update(transpileVersion)
    .update(source)
    .update(filename)
    .digest("hex");
  const cached = dir === null ? undefined : path.join(dir, `${key}.js`);
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
      inlineSourceMap: true,
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
      const code = transpile(fs.readFileSync(filename, "utf8"), filename);
      loaded.set(filename, code);
      module._compile(code, filename);
    };
  }
}

const inlineMap = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

/**
 * Where a 1-based position in the JavaScript a file was loaded as came from in its TypeScript
 * text; undefined when this hook did not load the file (another loader, such as ts-node, maps
 * its own stacks).
 */
export function originalPosition(
  filename: string,
  line: number,
  column: number,
): { line: number; column: number } | undefined {
  const match = inlineMap.exec(loaded.get(filename) ?? "");
  if (!match?.[1]) return undefined;
  const map = new SourceMap(JSON.parse(Buffer.from(match[1], "base64").toString("utf8")) as SourceMapPayload);
  const entry = map.findEntry(line - 1, column - 1) as Partial<SourceMapping>;
  if (entry.originalLine === undefined || entry.originalColumn === undefined) return undefined;
  return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}
