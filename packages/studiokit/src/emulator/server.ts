import http from "node:http";
import { type Socket } from "node:net";
import { type Duplex } from "node:stream";
import { authenticate, type Credentials } from "./auth";
import { type Reply } from "./context";
import { ApiError, codes, errorBody } from "./errors";
import { type FaultDecision, type FaultPlan } from "./faults";
import { Form } from "./form";
import { type Live } from "./live/live";
import { type RecordedRequest, type RequestLog } from "./requests";
import { type Router } from "./router";
import { type Persistence } from "./state-file";
import { type Store } from "./store";

const maxBodyBytes = 10 * 1024 * 1024;

export interface ServerDeps {
  readonly router: Router;
  readonly store: Store;
  readonly live: Live;
  readonly credentials: Credentials;
  readonly requests: RequestLog;
  readonly faults: () => FaultPlan | undefined;
  readonly base: () => string;
  readonly persistence: Persistence;
  readonly log: ((line: string) => void) | undefined;
  readonly extension: RequestExtension | undefined;
}

/**
 * Serves requests that are not Twilio's (a page on `/`, say) before authentication and routing:
 * resolves true when it answered the request.
 */
export type RequestExtension = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
) => Promise<boolean> | boolean;

const isMutation = (method: string) => method === "POST" || method === "DELETE";

/**
 * The body as text, an ApiError when it is too large, or undefined when it never arrived whole
 * (a malformed chunk, a client gone): the parser's clientError handler answers those.
 */
function readBody(req: http.IncomingMessage): Promise<string | ApiError | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on("end", () =>
      resolve(
        size > maxBodyBytes
          ? new ApiError(413, codes.invalidParameter, `Request body over ${maxBodyBytes} bytes`)
          : Buffer.concat(chunks).toString("utf8"),
      ),
    );
    req.on("error", () => resolve(undefined));
  });
}

function send(res: http.ServerResponse, reply: Reply, extra: Record<string, string> = {}): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status, extra);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
}

const badRequest = (message: string): Reply => ({
  status: 400,
  body: errorBody(400, codes.invalidParameter, message),
});

/** A request node's parser refused: Twilio's error body, on a connection that then closes. */
function refuse(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? 431 : 400;
  const message = tooLarge
    ? "Request Header Fields Too Large"
    : "Bad Request: the request is not valid HTTP/1.1";
  const text = JSON.stringify(errorBody(status, codes.invalidParameter, message));
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

function injected(decision: FaultDecision): { reply: Reply; headers: Record<string, string> } | undefined {
  switch (decision.kind) {
    case "429":
      return {
        reply: { status: 429, body: errorBody(429, codes.tooManyRequests, "Too Many Requests") },
        headers: { "Retry-After": String(decision.retryAfterSeconds) },
      };
    case "500":
      return {
        reply: { status: 500, body: errorBody(500, codes.internalError, "Internal Server Error") },
        headers: {},
      };
    case "503":
      return {
        reply: { status: 503, body: errorBody(503, codes.serviceUnavailable, "Service Unavailable") },
        headers: {},
      };
    default:
      return undefined;
  }
}

/** Auth, routing and the handler, turned into a reply; ApiErrors become Twilio error bodies. */
async function dispatch(
  deps: ServerDeps,
  req: http.IncomingMessage,
  url: URL,
  body: string,
  entry: RecordedRequest,
): Promise<{ reply: Reply; headers: Record<string, string> }> {
  const method = req.method ?? "GET";
  try {
    authenticate(req.headers.authorization, url.pathname, deps.credentials);
    const match = deps.router.match(method, url.pathname);
    // A change that could not be saved is not made (a --state file whose directory went away).
    if (isMutation(method)) deps.persistence.ready();
    const reply = await match.handler({
      method,
      path: url.pathname,
      params: match.params,
      query: url.searchParams,
      form: Form.parse(body),
      store: deps.store,
      live: deps.live,
      base: deps.base(),
      accountSid: deps.credentials.accountSid,
    });
    if (isMutation(method) && reply.status < 300) {
      deps.persistence.commit();
      entry.applied = true;
    }
    return { reply, headers: {} };
  } catch (error) {
    if (error instanceof ApiError) {
      const headers: Record<string, string> =
        error.status === 401 ? { "WWW-Authenticate": 'Basic realm="Twilio API"' } : {};
      return { reply: { status: error.status, body: error.body() }, headers };
    }
    const message = error instanceof Error ? error.message : String(error);
    deps.log?.(`emulator internal error on ${method} ${url.pathname}: ${message}`);
    return {
      reply: { status: 500, body: errorBody(500, codes.internalError, "Internal Server Error") },
      headers: {},
    };
  }
}

/** The request target as a URL, or undefined when it is none (`GET http://[ HTTP/1.1`). */
function targetOf(req: http.IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? "/", "http://emulator.invalid");
  } catch {
    return undefined;
  }
}

async function handle(deps: ServerDeps, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const started = Date.now();
  const method = req.method ?? "GET";
  const url = targetOf(req);
  const target = JSON.stringify((req.url ?? "").slice(0, 100));
  // HTTP/1.1 requires Host (RFC 9112 §3.2); node's own check would answer without Twilio's body.
  const refusal =
    url === undefined
      ? `Bad Request: the request target ${target} is not a path`
      : req.httpVersion === "1.1" && req.headers.host === undefined
        ? "Bad Request: an HTTP/1.1 request needs a Host header"
        : undefined;
  if (url === undefined || refusal !== undefined) {
    req.resume();
    send(res, badRequest(refusal ?? "Bad Request"), { Connection: "close" });
    deps.log?.(`${method} ${target} 400 ${Date.now() - started}ms`);
    return;
  }
  if (deps.extension !== undefined && (await deps.extension(req, res, url))) return;
  const body = await readBody(req);
  if (body === undefined) return;
  const decision = deps.faults()?.decide(isMutation(method)) ?? { kind: "none" };
  const host = req.headers["x-twilio-host"];
  const entry: RecordedRequest = {
    method,
    path: url.pathname,
    query: url.search,
    host: typeof host === "string" ? host : undefined,
    form: typeof body === "string" ? Form.parse(body).entries() : [],
    status: "dropped",
    fault: decision.kind === "none" ? undefined : decision.kind,
    applied: false,
  };
  deps.requests.add(entry);
  const finish = (status: number | "dropped") => {
    entry.status = status;
    deps.log?.(
      `${method} ${url.pathname}${url.search} ${status}${entry.fault ? ` [fault ${entry.fault}${entry.applied ? ", applied" : ""}]` : ""} ${Date.now() - started}ms`,
    );
  };

  const fault = injected(decision);
  if (fault) {
    send(res, fault.reply, fault.headers);
    return finish(fault.reply.status);
  }
  if (decision.kind === "drop" && !decision.afterApply) {
    req.socket.destroy();
    return finish("dropped");
  }
  if (decision.kind === "slow") await new Promise((r) => setTimeout(r, decision.ms));

  const outcome =
    body instanceof ApiError
      ? { reply: { status: body.status, body: body.body() }, headers: {} }
      : await dispatch(deps, req, url, body, entry);
  if (decision.kind === "drop") {
    req.socket.destroy();
    return finish("dropped");
  }
  send(res, outcome.reply, outcome.headers);
  finish(outcome.reply.status);
}

/** A node:http server that tracks its sockets so close() does not wait on keep-alive clients. */
export function createServer(deps: ServerDeps): { server: http.Server; closeAll: () => Promise<void> } {
  const sockets = new Set<Socket>();
  const inFlight = new WeakMap<Duplex, http.ServerResponse>();
  const server = http.createServer({ requireHostHeader: false }, (req, res) => {
    inFlight.set(req.socket, res);
    handle(deps, req, res).catch((error: unknown) => {
      deps.log?.(`emulator internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent)
        send(res, { status: 500, body: errorBody(500, codes.internalError, "Internal Server Error") });
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A reply already under way (the body broke after it began) cannot be followed by another.
    if (inFlight.get(socket)?.headersSent) socket.destroy();
    else refuse(error, socket);
  });
  const closeAll = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  return { server, closeAll };
}
