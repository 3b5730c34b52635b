import { ApiError, codes, invalidParameter } from "./errors";
import { type RequestContext } from "./context";

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
  const pageSize = readPageSize(ctx.query.get("PageSize"), defaultPageSize, maxPageSize);
  const pageNumber = readPageNumber(ctx.query.get("Page"));
  const token = ctx.query.get("PageToken");
  const offset = token === null ? 0 : decodeToken(token);
  const slice = items.slice(offset, offset + pageSize);
  const link = (p: number, at: number | undefined) => {
    const q = new URLSearchParams(filters);
    q.set("PageSize", String(pageSize));
    q.set("Page", String(p));
    if (at !== undefined) q.set("PageToken", encodeToken(at));
    return `${ctx.base}${ctx.path}?${q.toString()}`;
  };
  const hasNext = offset + pageSize < items.length;
  return {
    meta: {
      page: pageNumber,
      page_size: pageSize,
      first_page_url: link(0, undefined),
      previous_page_url:
        offset > 0 ? link(Math.max(0, pageNumber - 1), Math.max(0, offset - pageSize)) : null,
      url: link(pageNumber, token === null ? undefined : offset),
      next_page_url: hasNext ? link(pageNumber + 1, offset + pageSize) : null,
      key,
    },
    [key]: slice,
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
