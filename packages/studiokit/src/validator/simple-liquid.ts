import { hasLiquid } from "../definition";
import { type LiquidParse, type LiquidReference } from "./liquid";

/**
 * A fast path for the Liquid most flows are made of: outputs such as `{{widgets.ask.inbound.Body}}`
 * or `{{ flow.variables.count | plus: 1 }}`. When every piece of markup in a string fits this
 * strict subset of Liquid, the string is valid and its variables are the dotted paths; otherwise
 * `undefined` sends it to liquidjs. test/validator/liquid.test.ts checks the findings agree with
 * liquidjs on generated strings.
 */
const ident = "[A-Za-z_][A-Za-z0-9_]*";
const literal = `-?\\d+(?:\\.\\d+)?|"[^"\\\\{}]*"|'[^'\\\\{}]*'`;
const filter = `\\|\\s*${ident}\\s*(?::\\s*(?:${literal})(?:\\s*,\\s*(?:${literal}))*\\s*)?`;
const simpleOutput = new RegExp(`^(\\s*)(${ident}(?:\\.${ident})*)\\s*(?:${filter})*$`);
const output = /\{\{(-?)([^{}]*?)-?\}\}/g;
/** Words liquidjs reads as literals, not variables. */
const keywords = new Set(["true", "false", "nil", "null", "empty", "blank"]);

function lineAndColumn(text: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return [line, offset - lineStart + 1];
}

export function parseSimpleLiquid(text: string): LiquidParse | undefined {
  const references: LiquidReference[] = [];
  let textStart = 0;
  for (const match of text.matchAll(output)) {
    const piece = text.slice(textStart, match.index);
    if (hasLiquid(piece) || piece.endsWith("{")) return undefined;
    const inner = simpleOutput.exec(match[2] ?? "");
    const path = inner?.[2];
    if (!inner || path === undefined) return undefined;
    const segments = path.split(".");
    if (keywords.has(segments[0] ?? "")) return undefined;
    const offset = match.index + 2 + (match[1] ?? "").length + (inner[1] ?? "").length;
    const [line, column] = lineAndColumn(text, offset);
    references.push({ segments, line, column });
    textStart = match.index + match[0].length;
  }
  if (hasLiquid(text.slice(textStart))) return undefined;
  return { ok: true, references };
}
