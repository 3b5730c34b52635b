import { propertyDefaults, studioLimits } from "../../definition";
import { type HttpResult, type JsonObject } from "../types";
import {
  isJsonObject,
  memoObject,
  next,
  parseJsonObject,
  type WidgetHandler,
  type WidgetRun,
} from "./handler";

function headerValue(headers: Readonly<Record<string, string>>, name: string): string {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return "";
}

interface Settled {
  readonly ok: boolean;
  readonly status?: number;
  readonly outputs?: JsonObject;
}

/**
 * Studio's rules for an HTTP answer: fail on no response, on more than 10 s, on a body over
 * 64 KB, or on a status outside `okStatus`. With a response, `body`, `status_code`,
 * `content_type` and (JSON objects only) `parsed` are written even when the widget fails
 * (UNCONFIRMED for failures); without one, `widgets.NAME` is left as it was (UNCONFIRMED).
 * `parsed` is read from any body that is a JSON object, whatever its content type (UNCONFIRMED).
 * A slow answer fails the widget but does not move the simulated clock.
 */
function settle(run: WidgetRun, result: HttpResult, code: string, okStatus: (s: number) => boolean): Settled {
  if (!result.ok) {
    run.warn(code, `widget "${run.name}": ${result.error}`);
    return { ok: false };
  }
  const { response } = result;
  if ((response.durationMs ?? 0) > studioLimits.httpTimeoutMs) {
    run.warn(code, `widget "${run.name}": no response within 10 s (Studio's timeout)`);
    return { ok: false };
  }
  const bytes = Buffer.byteLength(response.body, "utf8");
  if (bytes > studioLimits.httpResponseBytes) {
    run.warn(code, `widget "${run.name}": the response is ${bytes} bytes, over Studio's 64 KB limit`);
    return { ok: false, status: response.status };
  }
  // `parsed` exists only when the body is a JSON object; arrays and text are not parsed
  // (docs/studio-behaviour.md §8).
  const parsed = parseJsonObject(response.body);
  const outputs: JsonObject = {
    status_code: response.status,
    content_type: headerValue(response.headers, "content-type"),
    body: response.body,
    ...(parsed ? { parsed } : {}),
  };
  return { ok: okStatus(response.status), status: response.status, outputs };
}

const absoluteUrl = /^https?:\/\/[^\s/?#]+/i;

function encodeForm(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/**
 * Make HTTP Request. GET/DELETE send `parameters` in the query string; other methods send `body`
 * for JSON content types and form-encoded `parameters` otherwise (observed in exports;
 * UNCONFIRMED in Twilio's docs). 2xx succeeds; the adapter follows redirects.
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
    return {
      type: "effect",
      effect: {
        type: "http",
        request: {
          widget: run.name,
          method,
          url: finalUrl,
          contentType,
          ...(body === undefined ? {} : { body }),
          parameters,
        },
      },
      memo: { method, url: finalUrl },
    };
  },
  resume(run, input, memo) {
    if (input.type !== "httpResult") return undefined;
    const settled = settle(run, input.result, "81014", (s) => s >= 200 && s < 300);
    const method = String(memo["method"]);
    const url = String(memo["url"]);
    run.emit({ kind: "http", widget: run.name, method, url, ...statusOf(settled) });
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
