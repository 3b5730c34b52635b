import {
  type Adapters,
  type FunctionRequest,
  type HttpRequest,
  type HttpResponse,
  type OutboundMessage,
  type SendResult,
} from "../../engine";

/** Studio gives HTTP Request and Run Function 10 seconds (docs/studio-behaviour.md §7). */
const timeoutMs = 10_000;

async function call(url: string, init: RequestInit): Promise<HttpResponse> {
  const started = performance.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const body = await response.text();
  // fromEntries defines each header as its own property, a `__proto__` header included.
  const headers: Record<string, string> = Object.fromEntries(response.headers);
  return { status: response.status, body, headers, durationMs: performance.now() - started };
}

function http(request: HttpRequest): Promise<HttpResponse> {
  const withBody = request.body !== undefined && !["GET", "HEAD"].includes(request.method.toUpperCase());
  return call(request.url, {
    method: request.method.toUpperCase(),
    ...(withBody ? { body: request.body, headers: { "Content-Type": request.contentType } } : {}),
  });
}

/** A Function is called as Studio calls it: POST with the parameters form-encoded. */
function functions(request: FunctionRequest): Promise<HttpResponse> {
  return call(request.url, {
    method: "POST",
    body: new URLSearchParams(request.parameters).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

/**
 * What a deployed flow reaches while it runs on the emulator: messages go to `send` (recorded in
 * the conversation or as a plain SMS), HTTP Request and Run Function make real requests, and Run
 * Subflow runs flows deployed here (given to the engine up front; any other SID fails the widget).
 */
export function liveAdapters(send: (message: OutboundMessage) => SendResult): Adapters {
  return {
    messaging: send,
    http,
    functions,
    subflows(request) {
      throw new Error(`no Studio flow ${request.flowSid} is deployed to this emulator; deploy it first`);
    },
  };
}
