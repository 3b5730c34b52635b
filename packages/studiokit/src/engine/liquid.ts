import type * as LiquidJs from "liquidjs";
import { type Context, type Liquid, type Template, type TagToken, type TopLevelToken } from "liquidjs";
import { hasLiquid, studioLimits } from "../definition";
import { compileTemplates, type CompiledTemplate } from "./liquid-compile";
import { liquidjs } from "./liquidjs";
import { remember } from "./remember";

/** Reports something the flow author should see (becomes a transcript warning). */
export type Warn = (code: string, message: string) => void;

/** The simulated time the `date` filter reads for `'now'`; set around each synchronous render. */
let renderNow = 0;
/** Where a render reports the loop cap; set around each synchronous render. */
let renderWarn: Warn = () => undefined;

const maxLoop = studioLimits.liquidLoopIterations;

const pacificZone = "America/Los_Angeles";
/** Made on first use: an ICU formatter for a time zone costs some 20 ms, and only `date` needs it. */
let pacificFormat: Intl.DateTimeFormat | undefined;
const pacificParts = (): Intl.DateTimeFormat =>
  (pacificFormat ??= new Intl.DateTimeFormat("en-US", {
    timeZone: pacificZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }));
const offsets = new Map<number, number>();

/** Minutes UTC is ahead of US Pacific at `ms` (480 in PST, 420 in PDT); DST changes on the hour. */
export function pacificOffsetMinutes(ms: number): number {
  return remember(offsets, Math.floor(ms / 3_600_000), pacificOffsetOfHour, 10_000);
}

function pacificOffsetOfHour(hour: number): number {
  const at = hour * 3_600_000;
  const p: Record<string, number> = {};
  for (const part of pacificParts().formatToParts(new Date(at))) p[part.type] = Number(part.value);
  const wall = Date.UTC(
    p["year"] ?? 0,
    (p["month"] ?? 1) - 1,
    p["day"] ?? 1,
    p["hour"] ?? 0,
    p["minute"] ?? 0,
    p["second"] ?? 0,
  );
  return (at - wall) / 60_000;
}

/**
 * `for` with Studio's 15-iteration cap (Studio FAQ). A guard placed first in the loop body breaks
 * out before the 16th iteration. UNCONFIRMED: Studio's behaviour past the cap (error or silent
 * truncation); we render the first 15 iterations and warn.
 */
function cappedForTag(ForTag: typeof LiquidJs.ForTag) {
  return class CappedForTag extends ForTag {
    constructor(
      token: TagToken,
      remainTokens: TopLevelToken[],
      liquid: Liquid,
      parser: ConstructorParameters<typeof ForTag>[3],
    ) {
      super(token, remainTokens, liquid, parser);
      const guard = {
        token,
        render(ctx: Context): string {
          const loop = ctx.getSync(["forloop"]) as { index0(): number } | undefined;
          if (loop && loop.index0() >= maxLoop) {
            ctx.breakCalled = true;
            renderWarn("liquid", `a {% for %} loop stopped after ${maxLoop} iterations (Studio's limit)`);
          }
          return "";
        },
      };
      this.templates.unshift(guard as unknown as Template);
    }
  };
}

/** liquidjs configured as Studio's Liquid (docs/studio-behaviour.md §5). */
function createLiquid(): Liquid {
  const { Liquid, ForTag } = liquidjs();
  const liquid = new Liquid({
    // Missing variables render empty; unknown filters pass the value through (UNCONFIRMED: Studio).
    strictVariables: false,
    strictFilters: false,
    ownPropertyOnly: true,
    // Studio formats dates in US Pacific time ("the timezone used is PST"); DST is UNCONFIRMED,
    // we follow the IANA zone, so summer dates are PDT.
    timezoneOffset: pacificZone,
    // Month and weekday names in English whatever the machine's locale.
    locale: "en-US",
    // Guards for generated flows; far above anything a Studio flow renders.
    renderLimit: 1000,
    memoryLimit: 1e8,
    parseLimit: 1e6,
  });
  liquid.registerTag("for", cappedForTag(ForTag));
  liquid.registerFilter("to_json", (value: unknown) => JSON.stringify(value ?? null));
  const date = liquid.filters["date"] as ((...args: unknown[]) => unknown) | undefined;
  if (date) {
    // `'now' | date` reads the simulated clock, so business-hours splits are testable. For
    // instants (now, epoch seconds) the Pacific offset is computed here, once per UTC hour:
    // liquidjs would build two ICU formatters per call for a zone name.
    liquid.registerFilter("date", function (this: unknown, value: unknown, format?: unknown, zone?: unknown) {
      const v = value === "now" || value === "today" ? renderNow / 1000 : value;
      const seconds =
        typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined;
      if (zone === undefined && seconds !== undefined && Number.isFinite(seconds))
        return date.call(this, v, format, pacificOffsetMinutes(seconds * 1000));
      return zone === undefined ? date.call(this, v, format) : date.call(this, v, format, zone);
    });
  }
  return liquid;
}

let configured: Liquid | undefined;
/** The configured liquidjs instance, made (and the module loaded) on first use. */
const studio = (): Liquid => (configured ??= createLiquid());

/**
 * A source text, parsed: `null` for text that is not Liquid at all, a parse error, or the
 * liquidjs templates with their compiled form (see liquid-compile.ts). A template that is a
 * single `{{ a.b[0].c }}` also keeps its path, so the hot path resolves it without even a
 * liquidjs context (same result: see `resolvePath`).
 */
interface Templates {
  readonly templates: Template[];
  readonly compiled: CompiledTemplate | undefined;
  readonly path?: readonly string[];
}
type Parsed = null | { error: string } | Templates;
const cacheLimit = 5000;
const cache = new Map<string, Parsed>();

/** Parses once per distinct source text (a bounded LRU shared by all executions). */
export function parseTemplate(source: string): Parsed {
  const hit = cache.get(source);
  if (hit !== undefined) {
    if (cache.size > cacheLimit / 2) {
      cache.delete(source);
      cache.set(source, hit);
    }
    return hit;
  }
  let parsed: Parsed;
  const path = simplePath(source);
  if (path) parsed = plainPath(source, path);
  else if (!hasLiquid(source)) parsed = null;
  else {
    try {
      parsed = parseWithLiquidjs(source);
    } catch (error) {
      parsed = { error: firstLine(error) };
    }
  }
  if (cache.size >= cacheLimit) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(source, parsed);
  return parsed;
}

function parseWithLiquidjs(source: string): Templates {
  const liquid = studio();
  const templates = liquid.parse(source);
  return { templates, compiled: compileTemplates(templates, liquid) };
}

/**
 * A single `{{ a.b[0].c }}`: the path, and liquidjs's templates parsed only when a render needs
 * them (a value `resolvePath` leaves to liquidjs), so flows whose Liquid is all plain paths never
 * load liquidjs. Such a source always parses.
 */
function plainPath(source: string, path: readonly string[]): Templates {
  let full: Templates | undefined;
  return {
    path,
    get templates() {
      return (full ??= parseWithLiquidjs(source)).templates;
    },
    get compiled() {
      return (full ??= parseWithLiquidjs(source)).compiled;
    },
  };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}

const maxBytes = studioLimits.liquidRenderedBytes;

/** Cuts a value to Studio's 16 KB per rendered value, on a character boundary. */
function capBytes(text: string, warn: Warn): string {
  // Fast path: every UTF-16 unit is at most 3 UTF-8 bytes.
  if (text.length * 3 <= maxBytes) return text;
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  warn("liquid", `a rendered value of ${bytes.length} bytes was cut to Studio's 16 KB limit`);
  return bytes
    .subarray(0, maxBytes)
    .toString("utf8")
    .replace(/\uFFFD+$/, "");
}

const simpleOutput = /^\{\{-?\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\d+\])*)\s*-?\}\}$/;
/** Words liquidjs reads as literals or special properties: such paths go through liquidjs. */
const special = new Set(["true", "false", "nil", "null", "empty", "blank", "size", "first", "last"]);

/** `{{ widgets.ask.inbound.Body }}` → `["widgets", "ask", "inbound", "Body"]`; anything else: undefined. */
function simplePath(source: string): string[] | undefined {
  const m = simpleOutput.exec(source);
  if (!m?.[1]) return undefined;
  const path = m[1].split(/\.|\[|\]/).filter((segment) => segment !== "");
  return path.some((segment) => special.has(segment)) ? undefined : path;
}

const hasOwn = Object.prototype.hasOwnProperty;
const bail = Symbol("bail");

/**
 * What liquidjs would output for a plain path over JSON data (ownPropertyOnly, missing → ""),
 * or `bail` where liquidjs has special rules (primitives' properties, arrays/objects output).
 */
function resolvePath(scope: object, path: readonly string[]): string | typeof bail {
  let value: unknown = scope;
  for (const key of path) {
    if (value === null || value === undefined) return "";
    if (typeof value !== "object") return bail;
    value = hasOwn.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return bail;
}

/**
 * Renders one property value against the execution context. A template that does not parse or
 * render is kept as written and reported (UNCONFIRMED: what Studio does with broken Liquid).
 */
export function renderLiquid(source: string, scope: object, now: number, warn: Warn): string {
  if (tracer) tracer(source, scope);
  const parsed = parseTemplate(source);
  if (parsed === null) return capBytes(source, warn);
  if ("error" in parsed) {
    warn("liquid", `Liquid does not parse (${parsed.error}); the text is used as written`);
    return source;
  }
  if (parsed.path) {
    const value = resolvePath(scope, parsed.path);
    if (value !== bail) return capBytes(value, warn);
  }
  renderNow = now;
  const rendered = parsed.compiled && renderCompiled(parsed.compiled, scope, warn);
  if (rendered !== undefined) return capBytes(rendered, warn);
  return renderWithLiquidjs(source, parsed.templates, scope, now, warn);
}

/**
 * The compiled render; warnings are held back until it succeeds. Undefined when it threw: the
 * caller renders again with liquidjs, which words the error (and warns) its own way.
 */
function renderCompiled(compiled: CompiledTemplate, scope: object, warn: Warn): string | undefined {
  const held: [string, string][] = [];
  renderWarn = (code, message) => void held.push([code, message]);
  let text: string;
  try {
    text = compiled(scope);
  } catch {
    return undefined;
  } finally {
    renderWarn = () => undefined;
  }
  for (const [code, message] of held) warn(code, message);
  return text;
}

/** liquidjs renders `templates` (parsed from `source`) as it would without the compiled form. */
function renderWithLiquidjs(
  source: string,
  templates: Template[],
  scope: object,
  now: number,
  warn: Warn,
): string {
  renderNow = now;
  renderWarn = warn;
  try {
    return capBytes(String(studio().renderSync(templates, scope)), warn);
  } catch (error) {
    warn("liquid", `Liquid failed to render (${firstLine(error)}); the text is used as written`);
    return source;
  } finally {
    renderWarn = () => undefined;
  }
}

/**
 * @internal `renderLiquid` with liquidjs rendering every template (no plain-path shortcut, no
 * compiled form): the reference the engine's faster paths are tested against.
 */
export function renderLiquidReference(source: string, scope: object, now: number, warn: Warn): string {
  const parsed = parseTemplate(source);
  if (parsed === null || "error" in parsed) return renderLiquid(source, scope, now, warn);
  return renderWithLiquidjs(source, parsed.templates, scope, now, warn);
}

let tracer: ((source: string, scope: object) => void) | undefined;

/**
 * @internal Calls `hook` with every (source, scope) the engine renders until the returned
 * function is called; `npm run bench -- engine-steps` uses it to render the same templates with
 * liquidjs alone.
 */
export function traceRenders(hook: (source: string, scope: object) => void): () => void {
  tracer = hook;
  return () => {
    tracer = undefined;
  };
}

/** The configured liquidjs instance, for benchmarks that measure Liquid alone. */
export function studioLiquid(): Liquid {
  return studio();
}
