import fs from "node:fs";
import path from "node:path";

/*
 * The transpiles of flow modules on disk, one file per content hash, in `transpile/` under
 * studiokit's cache directory (`node_modules/.cache/studiokit/`, or `studiokit-cache/` in the
 * system's temporary directory). Its size is bounded: a write that takes the directory past
 * `maxBytes` removes the least recently used entries (a hit renews an entry's modification time)
 * until it is back under three quarters of the bound.
 */

export interface TranspileCache {
  readonly dir: string;
  readonly maxBytes: number;
}

/** 32 MiB: some 400 transpiles of 100-widget flows (about 80 KiB each with their source maps). */
export const defaultTranspileCacheBytes = 32 * 1024 * 1024;

/** Bytes in each cache directory as this process last counted them, plus what it wrote since. */
const sizes = new Map<string, number>();

const entryFile = (cache: TranspileCache, key: string) => path.join(cache.dir, `${key}.js`);

/** The entry under `key`, renewed as the most recently used, or undefined when there is none. */
export function readTranspile(cache: TranspileCache, key: string): string | undefined {
  const file = entryFile(cache, key);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // evicted by another process meanwhile: the text read is still good
  }
  return text;
}

/** Keeps `text` under `key`, then evicts when the directory is over its bound. */
export function writeTranspile(cache: TranspileCache, key: string, text: string): void {
  const file = entryFile(cache, key);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(cache.dir, { recursive: true });
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true });
    return; // a cache we cannot write only costs speed
  }
  const known = sizes.get(cache.dir);
  const total =
    known === undefined
      ? entries(cache.dir).reduce((n, e) => n + e.size, 0)
      : known + Buffer.byteLength(text);
  sizes.set(cache.dir, total > cache.maxBytes ? evict(cache) : total);
}

interface Entry {
  readonly file: string;
  readonly size: number;
  readonly used: number;
}

/** The directory's entries (and temporary files a crashed write left), as they are now. */
function entries(dir: string): Entry[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = path.join(dir, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat?.isFile() ? [{ file, size: stat.size, used: stat.mtimeMs }] : [];
  });
}

/** Removes the least recently used entries down to three quarters of the bound; the bytes left. */
function evict(cache: TranspileCache): number {
  const all = entries(cache.dir).sort((a, b) => a.used - b.used);
  let total = all.reduce((n, e) => n + e.size, 0);
  for (const entry of all) {
    if (total <= (cache.maxBytes * 3) / 4) break;
    fs.rmSync(entry.file, { force: true });
    total -= entry.size;
  }
  return total;
}
