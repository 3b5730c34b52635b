import type * as LiquidJs from "liquidjs";
import { hasLiquid } from "../definition";
import { parseSimpleLiquid } from "./simple-liquid";

/** A variable a template reads; `null` marks a computed segment such as `a[b.c]`. */
export interface LiquidReference {
  readonly segments: ReadonlyArray<string | number | null>;
  readonly line: number;
  readonly column: number;
}

export type LiquidParse =
  | { readonly ok: true; readonly references: readonly LiquidReference[] }
  | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };

/*
 * liquidjs, loaded and its engine made on the first string the fast path (simple-liquid.ts) does
 * not settle: the module and the engine cost some 9 MiB and 20 ms, and most flows never need it
 * (`studiokit validate` on the tutorial does not).
 */
let engine: LiquidJs.Liquid | undefined;
function liquidjs(): LiquidJs.Liquid {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
  engine ??= new (require("liquidjs") as typeof LiquidJs).Liquid();
  return engine;
}
const plain: LiquidParse = { ok: true, references: [] };

// liquidjs takes 10-30 µs per string and the compiler validates its own output on every build:
// parse each distinct string once.
// Two generations: when the young one fills up it becomes the old one, so memory stays bounded
// and eviction is O(1) (deleting a Map's oldest keys one by one is not).
let young = new Map<string, LiquidParse>();
let old = new Map<string, LiquidParse>();
const generationSize = 20_000;

function cached(text: string): LiquidParse | undefined {
  const hit = young.get(text);
  if (hit) return hit;
  const survivor = old.get(text);
  if (survivor) remember(text, survivor);
  return survivor;
}

function remember(text: string, result: LiquidParse): void {
  if (young.size >= generationSize) {
    old = young;
    young = new Map();
  }
  young.set(text, result);
}

function toReference(variable: LiquidJs.Variable): LiquidReference {
  return {
    segments: variable.segments.map((s) => (typeof s === "object" ? null : s)),
    line: variable.location.row,
    column: variable.location.col,
  };
}

/** liquidjs echoes the offending markup; keep the echo short (it may sit in a secret-bearing string). */
function cleanMessage(message: string): string {
  return message
    .replace(/, line:\d+, col:\d+$/, "")
    .replace(/"((?:[^"\\]|\\.){40})(?:[^"\\]|\\.)+"/g, '"$1…"')
    .replace(/\{%((?:(?!%\}).){40})(?:(?!%\}).)+%\}/g, "{%$1…%}");
}

function positionOf(error: unknown): [number, number] {
  if (typeof error === "object" && error !== null && "token" in error) {
    const token = (error as { token?: { getPosition?: () => number[] } }).token;
    const [line, column] = token?.getPosition?.() ?? [];
    if (line !== undefined && column !== undefined) return [line, column];
  }
  return [1, 1];
}

/** liquidjs itself, uncached. */
function parseWithLiquidjs(text: string): LiquidParse {
  try {
    const engine = liquidjs();
    const analysis = engine.analyzeSync(engine.parse(text), { partials: false });
    const references = Object.values(analysis.globals).flat().map(toReference);
    return { ok: true, references: references.sort((a, b) => a.line - b.line || a.column - b.column) };
  } catch (error) {
    const [line, column] = positionOf(error);
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: cleanMessage(message), line, column };
  }
}

/**
 * Parses a string as Liquid, as Studio renders it, and lists the variables it reads in text
 * order. Plain strings skip parsing; simple outputs take the fast path; the rest go to liquidjs.
 */
export function parseLiquid(text: string): LiquidParse {
  if (!hasLiquid(text)) return plain;
  let result = cached(text);
  if (!result) {
    result = parseSimpleLiquid(text) ?? parseWithLiquidjs(text);
    remember(text, result);
  }
  return result;
}
