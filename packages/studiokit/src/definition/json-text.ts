import { formatPath, type ParseProblem } from "./parse";

/**
 * How deeply studiokit lets JSON nest: objects and arrays inside one another, the outermost
 * counting as 1. studiokit's choice, not a published Studio limit (docs/studio-behaviour.md §7):
 * a Studio definition nests about 7 deep (`states[].transitions[].conditions[].arguments[]`), and
 * 64 keeps every recursive walk of a definition (zod, the validator, `JSON.stringify`, the
 * importer, a diagram) far from the end of the stack.
 */
export const maxNestingDepth = 64;

/**
 * Whether `value` (at `depth`) holds a container nested deeper than `maxNestingDepth`; if so,
 * `path` receives the keys to it, innermost first (filled only on the way back, so a value within
 * the limit costs no bookkeeping).
 */
function tooDeep(value: object, depth: number, path: PropertyKey[]): boolean {
  if (depth > maxNestingDepth) return true;
  // Recursion stops at maxNestingDepth + 1 frames, whatever the input.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === "object" && item !== null && tooDeep(item, depth + 1, path)) {
        path.push(i);
        return true;
      }
    }
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (typeof item === "object" && item !== null && tooDeep(item, depth + 1, path)) {
      path.push(key);
      return true;
    }
  }
  return false;
}

/** What is wrong with a value nested past `maxNestingDepth`, after its path. */
export const nestingMessage = `nested deeper than ${maxNestingDepth} levels, studiokit's limit; flatten this value`;

/** The path of the first object or array nested deeper than `maxNestingDepth` in a value, if any. */
export function nestingPath(value: unknown): PropertyKey[] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const path: PropertyKey[] = [];
  return tooDeep(value, 1, path) ? path.reverse() : undefined;
}

/**
 * Where a value (a definition, `Parameters`, a scenario file) nests deeper than
 * `maxNestingDepth`. Every reader checks this before walking a value, so depth never ends in a
 * stack overflow.
 */
export function nestingProblem(value: unknown): ParseProblem | undefined {
  const path = nestingPath(value);
  return path && { path: formatPath(path), message: nestingMessage };
}

/** A character as an error message may show it: printable ASCII quoted, anything else by code point. */
function describeCharacter(text: string, offset: number): string {
  const code = text.codePointAt(offset) ?? 0;
  if (code > 0x20 && code < 0x7f) return `"${String.fromCodePoint(code)}"`;
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const escapes = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const hex4 = /[0-9a-fA-F]{4}/y;

interface SyntaxProblem {
  readonly offset: number;
  readonly reason: string;
}

/** The end of the string opening at `start`, or what is wrong with it. */
function scanString(text: string, start: number): number | SyntaxProblem {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return { offset: i, reason: `control character ${describeCharacter(text, i)} in a string` };
    if (c !== 0x5c) continue;
    const next = text.charAt(i + 1);
    if (next === "u") {
      hex4.lastIndex = i + 2;
      if (!hex4.test(text)) return { offset: i, reason: "\\u is not followed by four hex digits" };
      i += 5;
    } else if (escapes.has(next)) i++;
    else return { offset: i, reason: "unknown escape in a string" };
  }
  return { offset: start, reason: "a string that is never closed starts here" };
}

type Expect = "value" | "first value" | "key" | "first key" | "colon" | "after";

/**
 * Where JSON text stops being JSON, found by a scan of our own: JSON.parse's messages quote the
 * text around the error, and a message must never carry file content (binary garbage, secrets).
 * Only called once JSON.parse has failed.
 */
function locateSyntaxError(text: string): SyntaxProblem | undefined {
  const closers: string[] = [];
  let expect: Expect = "value";
  let i = 0;
  for (;;) {
    while (i < text.length && " \t\n\r".includes(text.charAt(i))) i++;
    if (i >= text.length)
      return closers.length === 0 && expect === "after"
        ? undefined
        : { offset: i, reason: "the text ends before the JSON does" };
    const c = text.charAt(i);
    const closer = closers[closers.length - 1];
    if (expect === "value" || expect === "first value") {
      if (c === "{" || c === "[") {
        closers.push(c === "{" ? "}" : "]");
        expect = c === "{" ? "first key" : "first value";
        i++;
        continue;
      }
      if (c === "]" && expect === "first value") {
        closers.pop();
        expect = "after";
        i++;
        continue;
      }
      const end = c === '"' ? scanString(text, i) : scanScalar(text, i);
      if (typeof end !== "number") return end;
      i = end;
      expect = "after";
    } else if (expect === "key" || expect === "first key") {
      if (c === "}" && expect === "first key") {
        closers.pop();
        expect = "after";
        i++;
        continue;
      }
      if (c !== '"')
        return {
          offset: i,
          reason: `expected a property name in double quotes, found ${describeCharacter(text, i)}`,
        };
      const end = scanString(text, i);
      if (typeof end !== "number") return end;
      i = end;
      expect = "colon";
    } else if (expect === "colon") {
      if (c !== ":")
        return {
          offset: i,
          reason: `expected ":" after a property name, found ${describeCharacter(text, i)}`,
        };
      i++;
      expect = "value";
    } else {
      if (closer === undefined)
        return { offset: i, reason: `unexpected ${describeCharacter(text, i)} after the JSON value` };
      if (c === ",") expect = closer === "}" ? "key" : "value";
      else if (c === closer) {
        closers.pop();
        expect = "after";
      } else return { offset: i, reason: `expected "," or "${closer}", found ${describeCharacter(text, i)}` };
      i++;
    }
  }
}

/** A number, `true`, `false` or `null` at `start`: its end, or what is wrong. */
function scanScalar(text: string, start: number): number | SyntaxProblem {
  for (const literal of ["true", "false", "null"])
    if (text.startsWith(literal, start)) return start + literal.length;
  number.lastIndex = start;
  if (number.test(text)) return number.lastIndex;
  return { offset: start, reason: `unexpected ${describeCharacter(text, start)} where a value should be` };
}

/** 1-based line and column of an offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

export type JsonTextResult =
  | { readonly ok: true; readonly value: unknown }
  /** `message` is one line for a person; `problem` is set when the JSON parsed but nests too deep. */
  | { readonly ok: false; readonly message: string; readonly problem?: ParseProblem };

/**
 * JSON text as a value, or one line saying where it is wrong: the line and column of a syntax
 * error, or the path where it nests deeper than `maxNestingDepth`. The message never quotes the
 * text itself.
 */
export function parseJsonText(text: string): JsonTextResult {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    const problem = locateSyntaxError(text);
    if (!problem) return { ok: false, message: "invalid JSON" };
    const { line, column } = lineAndColumn(text, problem.offset);
    return { ok: false, message: `invalid JSON at line ${line}, column ${column}: ${problem.reason}` };
  }
  const problem = nestingProblem(value);
  if (problem) return { ok: false, message: `${problem.path}: ${problem.message}`, problem };
  return { ok: true, value };
}
