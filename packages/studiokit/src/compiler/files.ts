import fs from "node:fs";
import path from "node:path";

/*
 * How the kit finds and reads the files a person names (flows, scenarios): one home for the
 * byte-order mark, for names that are not UTF-8, and for the words of "missing" and "a directory".
 *
 * Linux allows any bytes in a file name, but Node.js decodes command-line arguments and
 * directory listings as UTF-8, turning each invalid byte into U+FFFD; such a string names no
 * file. A name holding U+FFFD that does not exist is therefore looked up again, component by
 * component, among the directory's names read as bytes.
 */

/** A file or directory found on disk: its path for `fs` (bytes when its name is not UTF-8) and its name in messages. */
export interface FoundFile {
  readonly path: string | Buffer;
  /** The name as given, with bytes that are not UTF-8 (and control characters) written `\xff`. */
  readonly shown: string;
  readonly isDirectory: boolean;
}

/** A name that cannot be read: `${shown}: ${reason}` is the one-line message. */
export interface Unreadable {
  readonly shown: string;
  readonly reason: string;
}

const strict = new TextDecoder("utf-8", { fatal: true });
const escapeByte = (byte: number) => `\\x${byte.toString(16).padStart(2, "0")}`;

/** A file name's bytes as text for a message: valid UTF-8 as is, every other byte and control character as `\xNN`. */
export function showName(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length;) {
    let length = 0;
    for (let n = 1; n <= 4 && length === 0 && i + n <= bytes.length; n++) {
      try {
        const char = strict.decode(bytes.subarray(i, i + n));
        const code = char.charCodeAt(0);
        out += code < 0x20 || code === 0x7f ? escapeByte(code) : char;
        length = n;
      } catch {
        // not a whole character yet
      }
    }
    if (length === 0) {
      out += escapeByte(bytes[i]!);
      length = 1;
    }
    i += length;
  }
  return out;
}

type Located = { readonly path: string | Buffer } | { readonly reason: string };

const separator = Buffer.from(path.sep);
const joined = (parts: readonly Buffer[]) =>
  parts.length === 1 && parts[0]!.length === 0
    ? separator
    : Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [separator, part])));

/** `resolved` (absolute) on disk, each component holding U+FFFD matched against the byte names beside it. */
function locate(resolved: string): Located {
  if (!resolved.includes("\uFFFD") || process.platform === "win32" || fs.existsSync(resolved))
    return { path: resolved };
  const found: Buffer[] = [];
  for (const part of resolved.split(path.sep)) {
    if (!part.includes("\uFFFD")) {
      found.push(Buffer.from(part));
      continue;
    }
    let names: Buffer[];
    try {
      names = fs.readdirSync(joined(found), { encoding: "buffer" });
    } catch {
      return { reason: "no such file" };
    }
    const matches = names.filter((name) => name.toString("utf8") === part);
    if (matches.length === 0) return { reason: "no such file" };
    if (matches.length > 1)
      return {
        reason: `${matches.length} files have this name once their bytes that are not UTF-8 are replaced; rename them`,
      };
    found.push(matches[0]!);
  }
  return { path: joined(found) };
}

/**
 * A file or directory named `file` (relative to `cwd`), or why it cannot be used. Messages name
 * it as given, or, for a name that is not UTF-8, by its bytes with the invalid ones escaped.
 */
export function findFile(file: string, cwd: string): FoundFile | Unreadable {
  const located = locate(path.resolve(cwd, file));
  if ("reason" in located) return { shown: file, reason: located.reason };
  const shown = typeof located.path === "string" ? file : shownRelative(located.path, cwd, file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(located.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === "ENOENT" || code === "ENOTDIR";
    return { shown, reason: missing ? "no such file" : `cannot read: ${code ?? "unknown error"}` };
  }
  return { path: located.path, shown, isDirectory: stat.isDirectory() };
}

/** A byte path as messages show it: relative to `cwd` when `given` was. */
function shownRelative(bytes: Buffer, cwd: string, given: string): string {
  const shown = showName(bytes);
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  return !path.isAbsolute(given) && shown.startsWith(prefix) ? shown.slice(prefix.length) : shown;
}

const byteOrderMark = "\uFEFF";

/**
 * The text of a file (UTF-8; a leading byte-order mark, which Windows editors write, dropped), or
 * why it cannot be read. `what` completes "is a directory, not …".
 */
export function readTextFile(
  file: string,
  cwd: string,
  what: string,
): { readonly text: string; readonly shown: string } | Unreadable {
  const found = findFile(file, cwd);
  if (!("path" in found)) return found;
  if (found.isDirectory) return { shown: found.shown, reason: `is a directory, not ${what}` };
  let text: string;
  try {
    text = fs.readFileSync(found.path, "utf8");
  } catch (error) {
    return {
      shown: found.shown,
      reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? "unknown error"}`,
    };
  }
  return { text: text.startsWith(byteOrderMark) ? text.slice(1) : text, shown: found.shown };
}
