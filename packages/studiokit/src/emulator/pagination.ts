import { ApiError, codes, invalidParameter } from "./errors";
import { type RequestContext } from "./context";

/** The records of the page a request asks for, and the links around it. */
function window<T>(
  ctx: RequestContext,
  items: readonly T[],
  maxPageSize: number,
  defaultPageSize: number,
  filters: Readonly<Record<string, string>>,
  origin: string,
) {
  const pageSize = readPageSize(ctx.query.get("PageSize"), defaultPageSize, maxPageSize);
  const pageNumber = readPageNumber(ctx.query.get("Page"));
  const token = ctx.query.get("PageToken");
  const offset = token === null ? 0 : decodeToken(token);
  const link = (p: number, at: number | undefined) => {
    const q = new URLSearchParams(filters);
    q.set("PageSize", String(pageSize));
    q.set("Page", String(p));
    if (at !== undefined) q.set("PageToken", encodeToken(at));
    return `${origin}${ctx.path}?${q.toString()}`;
  };
  return {
    slice: items.slice(offset, offset + pageSize),
    pageSize,
    pageNumber,
    offset,
    first: link(0, undefined),
    previous: offset > 0 ? link(Math.max(0, pageNumber - 1), Math.max(0, offset - pageSize)) : null,
    current: link(pageNumber, token === null ? undefined : offset),
    next: offset + pageSize < items.length ? link(pageNumber + 1, offset + pageSize) : null,
  };
}

/**
 * One page of a list, shaped as Twilio pages are: `meta` (with absolute `next_page_url` back at
 * this emulator, which twilio-node follows verbatim) and the records under `meta.key`.
 * `PageToken` is an opaque offset; `Page` is only echoed back, as the docs say.
 */
export function page<T>(
  ctx: RequestContext,
  key: string,
  items: readonly T[],
  maxPageSize: number,
  defaultPageSize = Math.min(50, maxPageSize),
  filters: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  const w = window(ctx, items, maxPageSize, defaultPageSize, filters, ctx.base);
  return {
    meta: {
      page: w.pageNumber,
      page_size: w.pageSize,
      first_page_url: w.first,
      previous_page_url: w.previous,
      url: w.current,
      next_page_url: w.next,
      key,
    },
    [key]: w.slice,
  };
}

/**
 * One page of an API 2010 list (docs/twilio-rest.md §17): no `meta`; the records under `key`
 * beside `uri`, `first_page_uri`, `next_page_uri` and `previous_page_uri` (paths relative to the
 * API host, which twilio-node prefixes), `page`, `page_size`, `start` and `end` (indices of the
 * first and last record). Tokens and limits as in {@link page}: at most 1,000 a page, 50 unless asked.
 */
export function page2010<T>(
  ctx: RequestContext,
  key: string,
  items: readonly T[],
  filters: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  const w = window(ctx, items, 1000, 50, filters, "");
  return {
    first_page_uri: w.first,
    end: w.offset + Math.max(w.slice.length, 1) - 1,
    previous_page_uri: w.previous,
    [key]: w.slice,
    uri: w.current,
    page_size: w.pageSize,
    start: w.offset,
    next_page_uri: w.next,
    page: w.pageNumber,
  };
}

/** Out-of-range sizes are clamped to the endpoint's maximum (UNCONFIRMED: Twilio may refuse them). */
function readPageSize(raw: string | null, fallback: number, max: number): number {
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1)
    throw invalidParameter(`Invalid parameter PageSize: expected an integer from 1 to ${max}, got "${raw}"`);
  return Math.min(n, max);
}

function readPageNumber(raw: string | null): number {
  if (raw === null) return 0;
  if (!/^\d+$/.test(raw))
    throw invalidParameter(`Invalid parameter Page: expected an integer >= 0, got "${raw}"`);
  return Number(raw);
}

const encodeToken = (offset: number) => "PT" + Buffer.from(`o:${offset}`).toString("base64url");

function decodeToken(token: string): number {
  const text = token.startsWith("PT") ? Buffer.from(token.slice(2), "base64url").toString("utf8") : "";
  const match = /^o:(\d{1,9})$/.exec(text);
  if (!match?.[1]) throw new ApiError(400, codes.invalidPageToken, `Invalid PageToken "${token}"`);
  return Number(match[1]);
}

/** The list filters a request gives among `keys`, to filter by and to carry into page links. */
export function queryFilters(ctx: RequestContext, keys: readonly string[]): Record<string, string> {
  const filters: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key of keys) {
    const value = ctx.query.get(key);
    if (value !== null) filters[key] = value;
  }
  return filters;
}
