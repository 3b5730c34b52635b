import { maxNestingDepth } from "../../definition";
import { jsYaml } from "./js-yaml";

/*
 * The YAML scenario files are mostly written in (and every generated one is): block mappings
 * and sequences, one value a line, flow mappings and sequences on one line, quoted and plain
 * scalars. `plainYaml` reads that subset about twice as fast as js-yaml and gives exactly
 * what js-yaml's core schema gives; on anything else (anchors, tags, block scalars, multi-line
 * values, odd characters, duplicate keys, errors…) it answers undefined and js-yaml reads the
 * file, so every message about bad YAML stays js-yaml's. test/testing/scenario-plain-yaml.test.ts
 * compares the two on generated texts.
 */

/** Thrown (one shared instance, no stack to build) for what the reader leaves to js-yaml. */
const notPlain = new Error("not plain YAML");

/** What js-yaml refuses or reads its own way: control characters (tabs, CR), BOM, NBSP… */
const unusual = /[\x00-\x09\x0B-\x1F\x7F-\xA0\u2028\u2029\uFEFF\uFFFE\uFFFF]/;

/** Deeper values are left to js-yaml: a value read here never nests past the definition room's limit. */
const maxDepth = maxNestingDepth / 2;

/** Longer keys are left to js-yaml (which limits implicit keys). */
const maxKeyLength = 256;

/** Plain scalars the core schema reads as null or a boolean (others that start with a letter are text). */
const words = new Map<string, null | boolean>([
  ["null", null],
  ["Null", null],
  ["NULL", null],
  ["true", true],
  ["True", true],
  ["TRUE", true],
  ["false", false],
  ["False", false],
  ["FALSE", false],
]);

/** A decimal integer as the core schema reads it (no sign but `-`, no leading zero, no `_`): safe to `Number`. */
const decimal = /^(?:0|-?[1-9][0-9]{0,14})$/;
/**
 * Text however it goes on: the core schema's numbers go on from a sign with a digit or `.`, and
 * from a `.` with a digit, `_`, `inf` or `nan` (`./flow.json` is text).
 */
const textStart = /^(?:\.[^0-9_iInN]|[-+][^0-9.])/;

/** Other plain scalars that may be numbers, `~` or the like, resolved once by js-yaml itself. */
const resolved = new Map<string, unknown>();

const code = {
  space: 0x20,
  hash: 0x23,
  colon: 0x3a,
  comma: 0x2c,
  dash: 0x2d,
  dquote: 0x22,
  squote: 0x27,
  lbrace: 0x7b,
  rbrace: 0x7d,
  lbracket: 0x5b,
  rbracket: 0x5d,
};

/** ASCII character classes, as bits of a table (faster than sets, character by character). */
const kind = { indicator: 1, letter: 2, keyChar: 4, flowEnd: 8 };
const table = new Uint8Array(128);
const mark = (chars: string, bit: number) => {
  for (const c of chars) table[c.charCodeAt(0)]! |= bit;
};
const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// Characters that start something other than a plain scalar (or that js-yaml may read differently).
mark("&*!|>%@`?:,[]{}#'\"", kind.indicator);
mark(letters, kind.letter);
mark(`${letters}0123456789_-`, kind.keyChar);
mark(",[]{}", kind.flowEnd);
const is = (c: number, bit: number) => c < 128 && (table[c]! & bit) !== 0;

function plainScalar(text: string): unknown {
  const first = text.charCodeAt(0);
  if (text === "" || is(first, kind.indicator)) throw notPlain;
  if (text.includes(": ") || text.endsWith(":") || text.includes(" #")) throw notPlain;
  // The core schema's nulls, booleans and numbers all start with one of -+.0-9~ or are a word above.
  if (!/^[-+.0-9~]/.test(text)) {
    const word = words.get(text);
    return word === undefined ? text : word;
  }
  if (
    (first === code.dash && (text.length === 1 || text.charCodeAt(1) === code.space)) ||
    /^(---|\.\.\.)/.test(text)
  )
    throw notPlain;
  if (decimal.test(text)) return Number(text);
  if (textStart.test(text)) return text;
  if (resolved.has(text)) return resolved.get(text);
  const yaml = jsYaml();
  const value = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  if (typeof value === "object" && value !== null) throw notPlain;
  if (resolved.size >= 10_000) resolved.clear();
  resolved.set(text, value);
  return value;
}

/** A key as written in a mapping: a letter, then letters, digits, `_` or `-`; its end. */
function keyEnd(line: string, at: number): number {
  if (!is(line.charCodeAt(at), kind.letter)) return -1;
  let end = at + 1;
  while (is(line.charCodeAt(end), kind.keyChar)) end++;
  return end - at > maxKeyLength || words.has(line.slice(at, end)) ? -1 : end;
}

const setKey = (out: Record<string, unknown>, key: string, value: unknown) => {
  if (Object.hasOwn(out, key)) throw notPlain;
  out[key] = value;
};

/** Where the last quoted or flow value read ended (a shared cursor: no pair to allocate a value). */
let after = 0;

/** A quoted scalar starting at `at`; `after` is set past the closing quote. */
function quoted(line: string, at: number): string {
  const quote = line.charCodeAt(at);
  let end = at + 1;
  if (quote === code.squote) {
    for (;;) {
      end = line.indexOf("'", end);
      if (end < 0) throw notPlain;
      if (line.charCodeAt(end + 1) !== code.squote) break;
      end += 2;
    }
    after = end + 1;
    return line.slice(at + 1, end).replaceAll("''", "'");
  }
  let escapes = false;
  for (; end < line.length; end++) {
    const c = line.charCodeAt(end);
    if (c === code.dquote) break;
    if (c === 0x5c) {
      escapes = true;
      end++; // the escaped character
    }
  }
  if (end >= line.length) throw notPlain;
  after = end + 1;
  const content = line.slice(at + 1, end);
  if (!escapes) return content;
  // JSON's escapes mean the same in YAML; YAML's others (\x, \e, \N…) are left to js-yaml.
  if (/\\(?!["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(content)) throw notPlain;
  return JSON.parse(`"${content}"`) as string;
}

function skipSpaces(line: string, at: number): number {
  while (line.charCodeAt(at) === code.space) at++;
  return at;
}

/** After an item of a flow collection: true at its end, false after a comma. */
function itemEnd(line: string, close: number): boolean {
  const i = skipSpaces(line, after);
  const next = line.charCodeAt(i);
  after = i + 1;
  if (next === close) return true;
  if (next !== code.comma) throw notPlain;
  after = skipSpaces(line, i + 1);
  if (line.charCodeAt(after) === close) throw notPlain;
  return false;
}

function flowSequence(line: string, at: number, depth: number): unknown[] {
  const out: unknown[] = [];
  after = skipSpaces(line, at + 1);
  if (line.charCodeAt(after) === code.rbracket) return (after++, out);
  do out.push(flowValue(line, after, depth + 1));
  while (!itemEnd(line, code.rbracket));
  return out;
}

function flowMapping(line: string, at: number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  after = skipSpaces(line, at + 1);
  if (line.charCodeAt(after) === code.rbrace) return (after++, out);
  do {
    const start = after;
    const end = keyEnd(line, start);
    if (end < 0 || line.charCodeAt(end) !== code.colon || line.charCodeAt(end + 1) !== code.space)
      throw notPlain;
    setKey(out, line.slice(start, end), flowValue(line, skipSpaces(line, end + 1), depth + 1));
  } while (!itemEnd(line, code.rbrace));
  return out;
}

/** A value in flow style (`{ a: 1 }`, `[x, y]`, a scalar) starting at `at`; `after` is set past it. */
function flowValue(line: string, at: number, depth: number): unknown {
  if (depth > maxDepth) throw notPlain;
  const c = line.charCodeAt(at);
  if (c === code.dquote || c === code.squote) return quoted(line, at);
  if (c === code.lbrace) return flowMapping(line, at, depth);
  if (c === code.lbracket) return flowSequence(line, at, depth);
  let end = at;
  while (end < line.length && !is(line.charCodeAt(end), kind.flowEnd)) end++;
  after = end;
  return plainScalar(line.slice(at, end).trimEnd());
}

/** Nothing after a value but spaces and a comment. */
function assertTail(line: string, at: number): void {
  const rest = skipSpaces(line, at);
  if (rest < line.length && (line.charCodeAt(rest) !== code.hash || rest === at)) throw notPlain;
}

/**
 * Flow collections already read in this document, by their text to the end of the line: files
 * repeat the same trigger or `expect: { ended: true }` scenario after scenario, and one shared
 * value for them spares most of the reading and the garbage. The document's value is read-only.
 * Kept by depth too, so that a value reused deeper still obeys `maxDepth`.
 */
let seen = new Map<number, Map<string, unknown>>();

/** The value on the rest of a line (block context), from `at`. */
function inlineValue(line: string, at: number, depth: number): unknown {
  const c = line.charCodeAt(at);
  if (c === code.lbrace || c === code.lbracket) {
    const text = at === 0 ? line : line.slice(at);
    let known = seen.get(depth);
    if (!known) seen.set(depth, (known = new Map()));
    let value = known.get(text);
    if (value === undefined) {
      value = flowValue(text, 0, depth);
      assertTail(text, after);
      known.set(text, value);
    }
    return value;
  }
  if (c === code.dquote || c === code.squote) {
    const value = flowValue(line, at, depth);
    assertTail(line, after);
    return value;
  }
  const comment = line.indexOf(" #", at);
  return plainScalar((comment < 0 ? line.slice(at) : line.slice(at, comment)).trimEnd());
}

class Reader {
  private i = 0;
  constructor(private readonly lines: string[]) {
    this.skipBlank();
  }

  /** Moves to the next line with content (not blank, not only a comment). */
  private skipBlank(): void {
    const { lines } = this;
    for (; this.i < lines.length; this.i++) {
      const line = lines[this.i]!;
      const at = skipSpaces(line, 0);
      if (at < line.length && line.charCodeAt(at) !== code.hash) return;
    }
  }
  private get line(): string | undefined {
    return this.lines[this.i];
  }
  get done(): boolean {
    return this.i >= this.lines.length;
  }
  private advance(): void {
    this.i++;
    this.skipBlank();
  }
  indent(): number {
    const line = this.line;
    return line === undefined ? -1 : skipSpaces(line, 0);
  }
  /** The current line has `- ` (or a lone `-`) at `at`. */
  private isItem(at: number): boolean {
    const line = this.line;
    if (line === undefined || line.charCodeAt(at) !== code.dash) return false;
    return at + 1 === line.length || line.charCodeAt(at + 1) === code.space;
  }

  /** A block mapping whose keys are at column `indent`; the first may follow a `- ` on its line. */
  mapping(indent: number, depth: number): Record<string, unknown> {
    if (depth > maxDepth) throw notPlain;
    const out: Record<string, unknown> = {};
    for (;;) {
      const line = this.line!;
      const end = keyEnd(line, indent);
      if (end < 0 || line.charCodeAt(end) !== code.colon) throw notPlain;
      const key = line.slice(indent, end);
      const at = skipSpaces(line, end + 1);
      if (at === end + 1 && at < line.length) throw notPlain;
      if (at < line.length && line.charCodeAt(at) !== code.hash) {
        setKey(out, key, inlineValue(line, at, depth + 1));
        this.advance();
      } else {
        this.advance();
        setKey(out, key, this.nested(indent, true, depth + 1));
      }
      const next = this.indent();
      if (next < indent) return out;
      if (next > indent || this.isItem(indent)) throw notPlain;
    }
  }

  /** A block sequence whose `-` are at column `indent`. */
  sequence(indent: number, depth: number): unknown[] {
    if (depth > maxDepth) throw notPlain;
    const out: unknown[] = [];
    while (this.indent() === indent && this.isItem(indent)) {
      const line = this.line!;
      const at = skipSpaces(line, indent + 1);
      if (at >= line.length || line.charCodeAt(at) === code.hash) {
        this.advance();
        out.push(this.nested(indent, false, depth + 1));
        continue;
      }
      if (this.isItem(at)) throw notPlain;
      const end = keyEnd(line, at);
      const c = line.charCodeAt(end);
      if (
        end > 0 &&
        c === code.colon &&
        (end + 1 === line.length || line.charCodeAt(end + 1) === code.space)
      ) {
        out.push(this.mapping(at, depth + 1));
      } else {
        out.push(inlineValue(line, at, depth + 1));
        this.advance();
      }
      if (this.indent() > indent) throw notPlain;
    }
    if (this.indent() > indent) throw notPlain;
    return out;
  }

  /** The block value under a `key:` or `-` with nothing after it at column `indent`; null when none. */
  private nested(indent: number, underKey: boolean, depth: number): unknown {
    const next = this.indent();
    if (next > indent) return this.isItem(next) ? this.sequence(next, depth) : this.mapping(next, depth);
    // A mapping's sequence value may sit at the key's own column.
    if (underKey && next === indent && this.isItem(indent)) return this.sequence(indent, depth);
    return null;
  }
}

/** The text's value as js-yaml's core schema reads it, or undefined to let js-yaml read it. */
export function plainYaml(text: string): unknown {
  // isWellFormed (Node 20, not in the ES2023 types): no lone surrogate, which js-yaml refuses.
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed() || unusual.test(text)) return undefined;
  try {
    const reader = new Reader(text.split("\n"));
    if (reader.done || reader.indent() !== 0) return undefined;
    const value = reader.mapping(0, 1);
    return reader.done ? value : undefined;
  } catch (error) {
    if (error === notPlain) return undefined;
    throw error;
  } finally {
    // Each document starts with none seen; the last one's values are let go.
    seen = new Map();
  }
}
