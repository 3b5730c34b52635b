import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { z } from "zod";
import { type RequestExtension } from "../emulator";
import { type DevEvent } from "./model";
import { pageCss, pageHtml } from "./page-shell";
import { DevError, type DevSession } from "./session";

/*
 * The page and its API, served by the local Twilio before its own routes (`/` and `/dev/…`; the
 * Twilio paths are untouched). Loopback only, no credentials: a state-changing request must be
 * JSON from the page's own origin, which a page of another site cannot send without a CORS
 * preflight this server never answers.
 */

const maxBody = 64 * 1024;

/** One page action: its request body's schema and what the session does with it. */
function action<S extends z.ZodType>(
  schema: S,
  run: (session: DevSession, body: z.output<S>) => Promise<unknown>,
) {
  return (session: DevSession, body: unknown) => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DevError(`${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
    }
    return run(session, parsed.data);
  };
}

const text = (max: number) => z.string().min(1).max(max);

const actions: Record<string, (session: DevSession, body: unknown) => Promise<unknown>> = {
  message: action(
    z.strictObject({ flow: text(200), channel: text(200), contact: text(64), body: z.string().max(1600) }),
    (session, body) => session.send(body),
  ),
  call: action(
    z.strictObject({
      flow: text(200),
      channel: text(200),
      contact: text(64),
      action: z.enum(["press", "speak", "hangup"]),
      value: z.string().max(1600).optional(),
    }),
    (session, { value, ...rest }) => session.call({ ...rest, ...(value !== undefined ? { value } : {}) }),
  ),
  clock: action(z.strictObject({ seconds: z.number() }), (session, body) => session.advance(body.seconds)),
  mocks: action(z.strictObject({ flow: text(200), scenario: text(200).nullable() }), (session, body) =>
    session.setMocks(body),
  ),
  scenario: action(
    z.strictObject({ flow: text(200), contact: text(64), name: z.string().max(200) }),
    (session, body) => session.saveScenario(body),
  ),
};

/** The built browser code: beside this file in the package; the built copy when run from the sources. */
function pageScript(): string | undefined {
  for (const file of [
    path.join(__dirname, "page", "app.js"),
    path.resolve(__dirname, "..", "..", "dist", "dev", "page", "app.js"),
  ])
    if (fs.existsSync(file)) return fs.readFileSync(file, "utf8");
  return undefined;
}

function reply(res: http.ServerResponse, status: number, type: string, body: string): true {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(body);
  return true;
}

const json = (res: http.ServerResponse, status: number, value: unknown) =>
  reply(res, status, "application/json; charset=utf-8", JSON.stringify(value));

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBody) chunks.push(chunk);
    });
    req.on("error", () => reject(new DevError("the request body could not be read")));
    req.on("end", () => {
      if (size > maxBody) return reject(new DevError(`the request body is over ${maxBody} bytes`));
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown);
      } catch {
        reject(new DevError("the request body is not JSON"));
      }
    });
  });
}

function events(session: DevSession, req: http.IncomingMessage, res: http.ServerResponse): true {
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-store",
    Connection: "keep-alive",
  });
  const send = (event: DevEvent) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  send({ type: "project", project: session.project() });
  const stop = session.subscribe(send);
  // A comment line every 15 s keeps proxies and idle timers from closing the stream.
  const ping = setInterval(() => res.write(": ping\n\n"), 15_000);
  req.on("close", () => {
    clearInterval(ping);
    stop();
  });
  return true;
}

/** The request handler `studiokit dev` gives the local Twilio. */
export function devPage(session: DevSession): RequestExtension {
  return async (req, res, url) => {
    const method = req.method ?? "GET";
    const route = url.pathname;
    if (method === "GET" && route === "/") return reply(res, 200, "text/html; charset=utf-8", pageHtml);
    if (method === "GET" && route === "/dev/app.css")
      return reply(res, 200, "text/css; charset=utf-8", pageCss);
    if (method === "GET" && route === "/dev/app.js") {
      const script = pageScript();
      return script === undefined
        ? reply(res, 503, "text/plain; charset=utf-8", "studiokit is not built; run npm run build")
        : reply(res, 200, "text/javascript; charset=utf-8", script);
    }
    if (!route.startsWith("/dev/api/")) return false;
    if (method === "GET" && route === "/dev/api/events") return events(session, req, res);
    if (method === "GET" && route === "/dev/api/project") return json(res, 200, session.project());
    if (method === "GET" && route === "/dev/api/executions")
      return json(
        res,
        200,
        session.executions(url.searchParams.get("flow") ?? "", url.searchParams.get("contact") ?? ""),
      );
    const run = Object.hasOwn(actions, route.slice("/dev/api/".length))
      ? actions[route.slice("/dev/api/".length)]
      : undefined;
    if (method !== "POST" || run === undefined)
      return json(res, 404, { message: `no ${method} ${route} here` });
    const origin = req.headers.origin;
    const own = `http://${req.headers.host ?? ""}`;
    if (
      !(req.headers["content-type"] ?? "").startsWith("application/json") ||
      (origin !== undefined && origin !== own)
    )
      return json(res, 403, { message: "send JSON from the dev page itself" });
    try {
      const result = await run(session, await readJson(req));
      return json(res, 200, result ?? { ok: true });
    } catch (error) {
      if (error instanceof DevError) return json(res, 400, { message: error.message });
      session.options.log?.(
        `studiokit dev: internal error: ${error instanceof Error ? error.message : String(error)}`,
      );
      return json(res, 500, { message: "internal error; the terminal running studiokit dev says more" });
    }
  };
}
