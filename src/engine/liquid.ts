import { ForTag, Liquid, type Context, type Template, type TagToken, type TopLevelToken } from "liquidjs";
import { studioLimits } from "../definition";

/** Reports something the flow author should see (becomes a transcript warning). */
export type Warn = (code: string, message: string) => void;

/** The simulated time the `date` filter reads for `'now'`; set around each synchronous render. */
let renderNow = 0;
/** Where a render reports the loop cap; set around each synchronous render. */
let renderWarn: Warn = () => undefined;

const maxLoop = studioLimits.liquidLoopIterations;

/**
 * `for` with Studio's 15-iteration cap (Studio FAQ). A guard placed first in the loop body breaks
 * out before the 16th iteration. UNCONFIRMED: Studio's behaviour past the cap (error or silent
 * truncation); we render the first 15 iterations and warn.
 */
class CappedForTag extends ForTag {
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
}

/** liquidjs configured as Studio's Liquid (studio.md §5). */
function createLiquid(): Liquid {
  const liquid = new Liquid({
    // Missing variables render empty; unknown filters pass the value through (UNCONFIRMED: Studio).
    strictVariables: false,
    strictFilters: false,
    ownPropertyOnly: true,
    // Studio formats dates in US Pacific time ("the timezone used is PST"); DST is UNCONFIRMED,
    // we follow the IANA zone, so summer dates are PDT.
    timezoneOffset: "America/Los_Angeles",
    // Guards for generated flows; far above anything a Studio flow renders.
    renderLimit: 1000,
    memoryLimit: 1e8,
    parseLimit: 1e6,
  });
  liquid.registerTag("for", CappedForTag);
  liquid.registerFilter("to_json", (value: unknown) => JSON.stringify(value ?? null));
  const date = liquid.filters["date"];
  if (date) {
    // `'now' | date` reads the simulated clock, so business-hours splits are testable.
    liquid.registerFilter("date", function (this: unknown, value: unknown, ...args: unknown[]) {
      const v = value === "now" || value === "today" ? renderNow / 1000 : value;
      return (date as (...a: unknown[]) => unknown).call(this, v, ...args);
    });
  }
  return liquid;
}

const liquid = createLiquid();

/** Parsed templates by source text; `null` marks text that is not Liquid at all. */
type Parsed = Template[] | null | { error: string };
const cacheLimit = 5000;
const cache = new Map<string, Parsed>();

function isLiquid(source: string): boolean {
  return source.includes("{{") || source.includes("{%");
}

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
  if (!isLiquid(source)) parsed = null;
  else {
    try {
      parsed = liquid.parse(source);
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

/**
 * Renders one property value against the execution context. A template that does not parse or
 * render is kept as written and reported (UNCONFIRMED: what Studio does with broken Liquid).
 */
export function renderLiquid(source: string, scope: object, now: number, warn: Warn): string {
  const parsed = parseTemplate(source);
  if (parsed === null) return capBytes(source, warn);
  if (!Array.isArray(parsed)) {
    warn("liquid", `Liquid does not parse (${parsed.error}); the text is used as written`);
    return source;
  }
  renderNow = now;
  renderWarn = warn;
  try {
    return capBytes(String(liquid.renderSync(parsed, scope)), warn);
  } catch (error) {
    warn("liquid", `Liquid failed to render (${firstLine(error)}); the text is used as written`);
    return source;
  } finally {
    renderWarn = () => undefined;
  }
}

/** The configured liquidjs instance, for benchmarks that measure Liquid alone. */
export function studioLiquid(): Liquid {
  return liquid;
}
