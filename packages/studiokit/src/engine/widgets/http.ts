import { propertyDefaults, studioLimits } from "../../definition";
import { type HttpResult, type JsonObject } from "../types";
import {
  isJsonObject,
  memoObject,
  next,
  parseJsonObject,
  type Outcome,
  type WidgetHandler,
  type WidgetRun,
} from "./handler";

function headerValue(headers: Readonly<Record<string, string>>, name: string): string {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return "";
}

/**
 * Whether a response's `Content-Type` is `application/json`, the only type Studio parses
 * ("only application/json objects … will be automatically parsed"). The media type is compared
 * without case and without parameters (`application/json; charset=utf-8`). Structured-syntax
 * types such as `application/problem+json` are not parsed: Twilio names only
 * `application/json` (UNCONFIRMED, docs/studio-behaviour.md §8).
 */
export function isJsonContentType(contentType: string): boolean {
  const semicolon = contentType.indexOf(";");
  const media = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim();
  return media.length === 16 && media.toLowerCase() === "application/json";
}

interface Settled {
  readonly ok: boolean;
  readonly status?: number;
  readonly outputs?: JsonObject;
}

/**
 * Studio's rules for an HTTP answer: fail on no response, on more than 10 s (`elapsedMs` counts
 * the redirects before it), on a body over 64 KB, or on a status outside `okStatus`. With a
 * response, `body`, `status_code`, `content_type` and (for an `application/json` object only)
 * `parsed` are written even when the widget fails (UNCONFIRMED for failures); without one,
 * `widgets.NAME` is left as it was (UNCONFIRMED). A slow answer fails the widget but does not
 * move the simulated clock.
 */
function settle(
  run: WidgetRun,
  result: HttpResult,
  code: string,
  okStatus: (s: number) => boolean,
  elapsedMs = 0,
): Settled {
  if (!result.ok) {
    run.warn(code, `widget "${run.name}": ${result.error}`);
    return { ok: false };
  }
  const { response } = result;
  if (elapsedMs + (response.durationMs ?? 0) > studioLimits.httpTimeoutMs) {
    run.warn(code, `widget "${run.name}": no response within 10 s (Studio's timeout)`);
    return { ok: false };
  }
  const bytes = Buffer.byteLength(response.body, "utf8");
  if (bytes > studioLimits.httpResponseBytes) {
    run.warn(code, `widget "${run.name}": the response is ${bytes} bytes, over Studio's 64 KB limit`);
    return { ok: false, status: response.status };
  }
  const contentType = headerValue(response.headers, "content-type");
  // `parsed` exists only for a JSON object sent as application/json; arrays and text are not
  // parsed (docs/studio-behaviour.md §8).
  const parsed = isJsonContentType(contentType) ? parseJsonObject(response.body) : undefined;
  const outputs: JsonObject = {
    status_code: response.status,
    content_type: contentType,
    body: response.body,
    ...(parsed ? { parsed } : {}),
  };
  return { ok: okStatus(response.status), status: response.status, outputs };
}

const absoluteUrl = /^https?:\/\/[^\s/?#]+/i;

function encodeForm(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/** The request a Make HTTP Request step sends, as its memo keeps it between redirects. */
interface Sent {
  readonly method: string;
  readonly url: string;
  readonly contentType: string;
  readonly body?: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** Redirects followed so far, and the time their responses took. */
  readonly hops: number;
  readonly elapsedMs: number;
}

function sendRequest(run: WidgetRun, sent: Sent): Outcome {
  const { method, url, contentType, body, parameters } = sent;
  const request = { widget: run.name, method, url, contentType, parameters };
  return {
    type: "effect",
    effect: { type: "http", request: body === undefined ? request : { ...request, body } },
    memo: { ...sent },
  };
}

function memoSent(memo: JsonObject): Sent {
  const text = (key: string) => (typeof memo[key] === "string" ? memo[key] : "");
  const body = memo["body"];
  return {
    method: text("method"),
    url: text("url"),
    contentType: text("contentType"),
    ...(typeof body === "string" ? { body } : {}),
    parameters: memoObject(memo, "parameters") as Record<string, string>,
    hops: typeof memo["hops"] === "number" ? memo["hops"] : 0,
    elapsedMs: typeof memo["elapsedMs"] === "number" ? memo["elapsedMs"] : 0,
  };
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * The request a redirect leads to, as HTTP clients make it (the Fetch standard): 303 turns
 * any method but HEAD into a GET, 301 and 302 turn a POST into a GET, and a GET drops the body
 * and its form parameters; 307 and 308 repeat the method and body. A relative `Location` is
 * resolved against the URL it answered. Undefined when `Location` is missing or not http(s).
 */
function redirected(sent: Sent, status: number, location: string, durationMs: number): Sent | undefined {
  let url: URL;
  try {
    url = new URL(location, sent.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const toGet =
    (status === 303 && sent.method !== "HEAD") ||
    ((status === 301 || status === 302) && sent.method === "POST");
  const hop = { hops: sent.hops + 1, elapsedMs: sent.elapsedMs + durationMs, url: url.href };
  if (!toGet) return { ...sent, ...hop };
  return { method: "GET", contentType: sent.contentType, parameters: {}, ...hop };
}

/**
 * Make HTTP Request. GET/DELETE send `parameters` in the query string; other methods send `body`
 * for JSON content types and form-encoded `parameters` otherwise (observed in exports;
 * UNCONFIRMED in Twilio's docs). 2xx succeeds; 3xx redirects are followed, up to
 * `studioLimits.httpRedirects` of them, and the last response is the widget's.
 */
export const makeHttpRequest: WidgetHandler = {
  enter(run) {
    const method = String(run.raw("method") ?? propertyDefaults["make-http-request"].method).toUpperCase();
    const url = run.text("url").trim();
    const contentType = run.text("content_type", propertyDefaults["make-http-request"].content_type);
    if (!absoluteUrl.test(url)) {
      run.warn("81014", `widget "${run.name}": "${url}" is not an absolute http(s) URL after Liquid`);
      return next("failed");
    }
    if (run.raw("add_twilio_auth") === true && !/^https:\/\/[^/]*\.twilio\.com(\/|$)/i.test(url)) {
      run.warn("81014", `widget "${run.name}": add_twilio_auth works only for Twilio API URLs, not ${url}`);
      return next("failed");
    }
    const parameters = run.pairs("parameters");
    // err:81014 names `method` as a reserved parameter name; other reserved words are UNCONFIRMED.
    if ("method" in parameters) {
      run.warn("81014", `widget "${run.name}": "method" is a reserved parameter name; rename the parameter`);
      return next("failed");
    }
    const hasParams = Object.keys(parameters).length > 0;
    let finalUrl = url;
    let body: string | undefined;
    if (method === "GET" || method === "DELETE") {
      if (hasParams) finalUrl += (url.includes("?") ? "&" : "?") + encodeForm(parameters);
    } else if (/json/i.test(contentType)) body = run.text("body");
    else body = hasParams ? encodeForm(parameters) : run.text("body");
    return sendRequest(run, {
      method,
      url: finalUrl,
      contentType,
      ...(body === undefined ? {} : { body }),
      parameters,
      hops: 0,
      elapsedMs: 0,
    });
  },
  resume(run, input, memo) {
    if (input.type !== "httpResult") return undefined;
    const sent = memoSent(memo);
    const result = input.result;
    if (result.ok && redirectStatuses.has(result.response.status)) {
      const { status, headers, durationMs = 0 } = result.response;
      const location = headerValue(headers, "location");
      const target = location === "" ? undefined : redirected(sent, status, location, durationMs);
      if (target && target.hops <= studioLimits.httpRedirects) {
        run.emit({ kind: "http", widget: run.name, method: sent.method, url: sent.url, status });
        return sendRequest(run, target);
      }
      if (target)
        run.warn(
          "81014",
          `widget "${run.name}": more than ${studioLimits.httpRedirects} redirects; the last one is not followed`,
        );
      else if (location !== "")
        run.warn("81014", `widget "${run.name}": cannot follow the redirect to "${location}"`);
    }
    const settled = settle(run, result, "81014", (s) => s >= 200 && s < 300, sent.elapsedMs);
    run.emit({ kind: "http", widget: run.name, method: sent.method, url: sent.url, ...statusOf(settled) });
    return next(settled.ok ? "success" : "failed", settled.outputs);
  },
};

function statusOf(settled: Settled): { status?: number } {
  return settled.status === undefined ? {} : { status: settled.status };
}

/**
 * Run Function: POSTs `parameters` (delivered on the Function's `event`). 2xx/3xx succeeds.
 * `parsed` is merged into the previous run's `parsed`, and a non-JSON answer leaves it as it was.
 */
export const runFunction: WidgetHandler = {
  enter(run) {
    const url = run.text("url").trim();
    if (!absoluteUrl.test(url)) {
      run.warn("81017", `widget "${run.name}": "${url}" is not an absolute http(s) URL after Liquid`);
      return next("fail");
    }
    const parameters = run.pairs("parameters");
    return {
      type: "effect",
      effect: { type: "function", request: { widget: run.name, url, parameters } },
      memo: { url },
    };
  },
  resume(run, input, memo) {
    if (input.type !== "functionResult") return undefined;
    const settled = settle(run, input.result, "81017", (s) => s >= 200 && s < 400);
    run.emit({ kind: "function", widget: run.name, url: String(memo["url"]), ...statusOf(settled) });
    if (!settled.outputs || !input.result.ok) return next(settled.ok ? "success" : "fail");
    const previousParsed = memoObject(run.previous ?? {}, "parsed");
    const fresh = settled.outputs["parsed"];
    const hadParsed = run.previous !== undefined && "parsed" in run.previous;
    const parsed = isJsonObject(fresh)
      ? { ...previousParsed, ...fresh }
      : hadParsed
        ? previousParsed
        : undefined;
    const outputs: JsonObject = {
      ...settled.outputs,
      headers: { ...input.result.response.headers },
      ...(parsed ? { parsed } : {}),
    };
    return next(settled.ok ? "success" : "fail", outputs);
  },
};
