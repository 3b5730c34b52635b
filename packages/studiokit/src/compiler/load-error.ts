import path from "node:path";
import { originalPosition } from "./typescript-hook";

/** Where in the author's files an error was thrown: an absolute file, 1-based line and column. */
export interface ThrownAt {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** studiokit's own code (src/ in the repository, dist/ when installed): never the author's line. */
const kitDirs = [path.resolve(__dirname, "..", "..", "src"), path.resolve(__dirname, "..", "..", "dist")].map(
  (dir) => dir + path.sep,
);

const isAuthorFile = (file: string) =>
  path.isAbsolute(file) &&
  !file.split(path.sep).includes("node_modules") &&
  !kitDirs.some((dir) => file.startsWith(dir));

/** `    at fn (/a/b.ts:3:7)` or `    at /a/b.ts:3:7`. */
const frame = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

/** Node maps stack frames itself when source maps are on (`--enable-source-maps`). */
const nodeMapsStacks = () => (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled === true;

/**
 * The author's line an error was thrown from: the first stack frame in a file of theirs (not
 * studiokit's, not a package's), mapped back through the transpile's source map when this
 * process's TypeScript hook loaded it.
 */
export function thrownAt(error: unknown): ThrownAt | undefined {
  const stack = error instanceof Error && typeof error.stack === "string" ? error.stack : "";
  for (const line of stack.split("\n")) {
    const match = frame.exec(line);
    if (!match?.[1] || !isAuthorFile(match[1])) continue;
    const file = match[1];
    const at = { line: Number(match[2]), column: Number(match[3]) };
    const mapped = nodeMapsStacks() ? undefined : originalPosition(file, at.line, at.column);
    return { file, ...(mapped ?? at) };
  }
  return undefined;
}

/**
 * A stack deep enough to reach the author's frame below the builder's and a library's: raised
 * for the time `load` runs.
 */
export function withDeepStacks<T>(load: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = Math.max(limit, 50);
  try {
    return load();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * One line for an error a flow module threw while loading: `file:line:column: message`, the
 * message's first line (with the error's kind when it is not a plain Error, such as
 * `ReferenceError: …`). `shown` names the flow file as the author gave it.
 */
export function describeLoadError(error: unknown, file: string, shown: string, cwd: string): string {
  const text = error instanceof Error ? error.message : String(error);
  const kind = error instanceof Error && error.name !== "Error" ? `${error.name}: ` : "";
  const message = `${kind}${text.split("\n")[0] ?? ""}`;
  const at = thrownAt(error);
  if (at === undefined) return `${shown}: cannot load the module: ${message}`;
  const name = at.file === file ? shown : path.relative(cwd, at.file) || at.file;
  return `${name}:${at.line}:${at.column}: ${message}`;
}
