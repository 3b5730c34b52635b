import fs from "node:fs";
import os from "node:os";
import { SourceMap, type SourceMapPayload, type SourceMapping } from "node:module";
import path from "node:path";
import type * as TypeScript from "typescript";
import {
  defaultTranspileCacheBytes,
  readTranspile,
  writeTranspile,
  type TranspileCache,
} from "./transpile-cache";
import { nodeCrypto } from "./node-crypto";

/*
 * Lets `require` load a flow module written in TypeScript. Each text is transpiled once (types
 * are checked apart, by typecheck.ts) and the JavaScript, with an inline source map, is cached
 * under a hash of the text (transpile-cache.ts), so a later run loads neither the file's transpile
 * nor the TypeScript compiler itself. The map turns a position in a load error's stack back into the
 * author's line (load-error.ts).
 */

let typescript: typeof TypeScript | undefined;
let cacheDir: string | null | undefined;

/** Bumped when the transpile's output changes shape (v3: keyed by content, not by file name). */
const transpileVersion = "3";

const inlineMap = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

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

let transpileCache: TranspileCache | null | undefined;

/** Where transpiles are cached, and their bound: `STUDIOKIT_TRANSPILE_CACHE_BYTES` when it is a count of bytes. */
function currentCache(): TranspileCache | null {
  if (transpileCache === undefined) {
    const dir = studiokitCacheDir();
    const asked = Number(process.env["STUDIOKIT_TRANSPILE_CACHE_BYTES"]);
    const maxBytes = Number.isSafeInteger(asked) && asked > 0 ? asked : defaultTranspileCacheBytes;
    transpileCache = dir === null ? null : { dir: path.join(dir, "transpile"), maxBytes };
  }
  return transpileCache;
}

let transpiles = 0;

/** How many transpiles this process made (cache misses), for the tests. */
export const transpileCount = (): number => transpiles;

/**
 * The CommonJS JavaScript for one TypeScript module's text, from the cache when it is there. The
 * cache is keyed by the text (and the extension) alone, so the same module under another name (a
 * copy, the base side of `diff --pr`) hits; the file's name goes into the source map on the way out.
 */
export function transpile(source: string, filename: string): string {
  const extension = path.extname(filename).toLowerCase();
  const cache = currentCache();
  const key = nodeCrypto()
    .createHash("sha256")
    .update(`${transpileVersion}\0${extension}\0`)
    .update(source)
    .digest("hex");
  const cached = cache === null ? undefined : readTranspile(cache, key);
  if (cached !== undefined) return namedMap(cached, filename);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only on a cache miss
  typescript ??= require("typescript") as typeof TypeScript;
  transpiles += 1;
  const output = typescript.transpileModule(source, {
    fileName: `module${extension}`,
    compilerOptions: {
      module: typescript.ModuleKind.CommonJS,
      target: typescript.ScriptTarget.ES2022,
      esModuleInterop: true,
      resolveJsonModule: true,
      inlineSourceMap: true,
    },
  }).outputText;
  if (cache !== null) {
    if (transpiles === 1) removeUnboundedLayout(path.dirname(cache.dir));
    writeTranspile(cache, key, output);
  }
  return namedMap(output, filename);
}

/**
 * Before the cache was bounded, transpiles sat at the cache directory's root under a hash of text
 * and file name, and nothing removed them; the first transpile of a process clears any left.
 */
function removeUnboundedLayout(root: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return;
  }
  for (const name of names)
    if (/^[0-9a-f]{40}\.js(\.\d+\.tmp)?$/.test(name)) fs.rmSync(path.join(root, name), { force: true });
}

/** The transpile with its inline source map naming `filename` (what `--enable-source-maps` shows). */
function namedMap(code: string, filename: string): string {
  const match = inlineMap.exec(code);
  if (!match?.[1]) return code;
  const map = JSON.parse(Buffer.from(match[1], "base64").toString("utf8")) as Record<string, unknown>;
  const name = path.basename(filename);
  const named = { ...map, file: name.replace(/\.[cm]?ts$/i, ".js"), sources: [name] };
  return `${code.slice(0, match.index)}//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(named)).toString("base64")}\n`;
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
