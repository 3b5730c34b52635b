import fs from "node:fs";
import path from "node:path";
import { nodeCrypto } from "./node-crypto";

/*
 * The type check's results, kept per flow file under studiokit's cache directory. An entry holds
 * what the check read: the author's files (the flow, its imports, the tsconfig chain) by content
 * hash, and everything else (declarations, packages) by size and modification time. It answers
 * only while all of them are unchanged, so a hit costs a few reads and stats, and loads neither
 * the TypeScript compiler nor any declaration file.
 */

/** One type error, positions 1-based; `file` absolute (the CLI shows it relative). */
export interface TypeIssue {
  readonly file: string;
  /** Absent for a problem of the configuration as a whole (a `types` entry not installed). */
  readonly line?: number;
  readonly column?: number;
  /** TypeScript's error number (2339: a property that does not exist). */
  readonly code: number;
  readonly message: string;
}

/** What a check read, to tell later whether its answer still holds. */
export interface CheckInputs {
  /** Author files: absolute path → sha1 of the content. */
  readonly hashed: ReadonlyArray<readonly [file: string, sha1: string]>;
  /** Declarations and packages: absolute path → size and mtime (ms). */
  readonly stamped: ReadonlyArray<readonly [file: string, size: number, mtimeMs: number]>;
}

interface Entry extends CheckInputs {
  readonly version: 1;
  /** The TypeScript version and the tsconfig chosen (null: studiokit's defaults). */
  readonly key: string;
  readonly issues: readonly TypeIssue[];
}

const sha1 = (text: string) => nodeCrypto().createHash("sha1").update(text).digest("hex");

function entryFile(dir: string, flowFile: string): string {
  return path.join(dir, "typecheck", `${sha1(flowFile)}.json`);
}

/** A source file's text as the check reads it: UTF-8, without a byte-order mark. */
export function readSource(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch {
    return undefined;
  }
}

function hashOf(file: string): string | undefined {
  const text = readSource(file);
  return text === undefined ? undefined : sha1(text);
}

function stillHolds(inputs: CheckInputs): boolean {
  for (const [file, size, mtimeMs] of inputs.stamped) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || stat.size !== size || stat.mtimeMs !== mtimeMs) return false;
  }
  return inputs.hashed.every(([file, hash]) => hashOf(file) === hash);
}

/** The cached issues of `flowFile` when nothing the check read has changed since. */
export function cachedIssues(
  dir: string | null,
  flowFile: string,
  key: string,
): readonly TypeIssue[] | undefined {
  if (dir === null) return undefined;
  let entry: Entry;
  try {
    entry = JSON.parse(fs.readFileSync(entryFile(dir, flowFile), "utf8")) as Entry;
  } catch {
    return undefined;
  }
  return entry.version === 1 && entry.key === key && stillHolds(entry) ? entry.issues : undefined;
}

/**
 * The inputs of a check: the author's files by the text the check read (so an edit made while it
 * ran is not taken for checked), the rest stamped as they are now (files that vanished left out).
 */
export function checkInputs(
  author: ReadonlyArray<readonly [file: string, text: string]>,
  others: readonly string[],
): CheckInputs {
  const hashed = author.map(([file, text]) => [file, sha1(text)] as const);
  const stamped = others.flatMap((file) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat ? [[file, stat.size, stat.mtimeMs] as const] : [];
  });
  return { hashed, stamped };
}

/** Keeps a check's answer (a cache that cannot be written only costs speed). */
export function storeIssues(
  dir: string | null,
  flowFile: string,
  key: string,
  inputs: CheckInputs,
  issues: readonly TypeIssue[],
): void {
  if (dir === null) return;
  const entry: Entry = { version: 1, key, ...inputs, issues };
  const file = entryFile(dir, flowFile);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, JSON.stringify(entry));
    fs.renameSync(temporary, file);
  } catch {
    // not writable: the next run checks again
  }
}
