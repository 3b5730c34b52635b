import { z } from "zod";
import { globMatcher } from "./glob";
import {
  type FunctionRequest,
  type HttpRequest,
  type HttpResponse,
  type JsonObject,
  type OutboundMessage,
  type SendResult,
  type SubflowRequest,
} from "./types";

/** What a subflow adapter answers: the event Run Subflow takes and the subflow's flow.variables. */
export interface SubflowOutcome {
  readonly event: "completed" | "failed";
  readonly variables: JsonObject;
}

/**
 * The outside world the driver talks to. Each may answer synchronously or with a promise; a
 * thrown error fails the widget (its message becomes a transcript warning), never the run.
 */
export interface Adapters {
  messaging(message: OutboundMessage): SendResult | Promise<SendResult>;
  http(request: HttpRequest): HttpResponse | Promise<HttpResponse>;
  functions(request: FunctionRequest): HttpResponse | Promise<HttpResponse>;
  /** Only asked when the subflow's definition was not given in `ExecutionOptions.subflows`. */
  subflows(request: SubflowRequest): SubflowOutcome | Promise<SubflowOutcome>;
}

/** A URL with `*` wildcards (matching anything, `/` included). */
const urlGlob = z.string().min(1, "a URL or a glob such as https://api.example.com/orders/*");
const status = z.number().int().min(100).max(599);
const headers = z.record(z.string(), z.string());
/** Seconds the call takes; 10 or more fails the widget as Studio's 10 s timeout. */
const delay = z.number().min(0);

export const httpMockSchema = z.strictObject({
  method: z.string().min(1).optional(),
  url: urlGlob,
  status,
  body: z.json().optional(),
  headers: headers.optional(),
  delay: delay.optional(),
});

export const functionMockSchema = z.strictObject({
  url: urlGlob,
  status,
  body: z.json().optional(),
  headers: headers.optional(),
  delay: delay.optional(),
});

export const subflowMockSchema = z.strictObject({
  flow_sid: z.string().min(1),
  event: z.enum(["completed", "failed"]).optional(),
  /** The subflow's flow.variables, seen by the parent as widgets.NAME.*. */
  variables: z.record(z.string(), z.json()).optional(),
});

/** Makes matching sends fail (81011), e.g. to test a `failed` or `deliveryFailure` branch. */
export const messageMockSchema = z.strictObject({
  to: urlGlob.optional(),
  body: z.string().optional(),
  status: z.literal("failed"),
  code: z.number().int().optional(),
  message: z.string().optional(),
});

/** The `mocks:` block of a scenario, and `ExecutionOptions.mocks`. */
export const mocksSchema = z.strictObject({
  http: z.array(httpMockSchema).optional(),
  functions: z.array(functionMockSchema).optional(),
  subflows: z.array(subflowMockSchema).optional(),
  messages: z.array(messageMockSchema).optional(),
});
export type Mocks = z.input<typeof mocksSchema>;
export type ParsedMocks = z.output<typeof mocksSchema>;
export type HttpMock = z.input<typeof httpMockSchema>;
export type FunctionMock = z.input<typeof functionMockSchema>;

const globCache = new Map<string, (text: string) => boolean>();
function compiledGlob(glob: string): (text: string) => boolean {
  let matches = globCache.get(glob);
  if (!matches) globCache.set(glob, (matches = globMatcher(glob)));
  return matches;
}

/** A glob without `?` ignores the query string, so GET parameters do not break a plain URL mock. */
export function urlMatches(glob: string, url: string): boolean {
  const subject = glob.includes("?") ? url : (url.split("?")[0] ?? url);
  return compiledGlob(glob)(subject);
}

function response(mock: z.infer<typeof functionMockSchema>): HttpResponse {
  const isText = typeof mock.body === "string";
  const body = mock.body === undefined ? "" : isText ? (mock.body as string) : JSON.stringify(mock.body);
  const contentType = mock.body === undefined ? undefined : isText ? "text/plain" : "application/json";
  const lower = Object.fromEntries(Object.entries(mock.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status: mock.status,
    body,
    headers: contentType && !lower["content-type"] ? { "content-type": contentType, ...lower } : lower,
    ...(mock.delay === undefined ? {} : { durationMs: mock.delay * 1000 }),
  };
}

/**
 * Adapters answering from `mocks`: first matching entry wins, entries are reusable. Unmatched
 * HTTP/Function calls and subflows throw a one-line error naming what to mock (the widget then
 * fails with that warning). Sends succeed unless a `messages` entry says otherwise.
 */
export function mockAdapters(mocks: Mocks = {}): Adapters {
  return adaptersFromMocks(mocksSchema.parse(mocks));
}

/** `mockAdapters` for mocks already checked against `mocksSchema` (a scenario file's). */
export function adaptersFromMocks(parsed: ParsedMocks): Adapters {
  return {
    messaging(message) {
      const rule = (parsed.messages ?? []).find(
        (m) =>
          (m.to === undefined || urlMatches(m.to, message.to)) &&
          (m.body === undefined || message.body.includes(m.body)),
      );
      if (!rule) return { status: "sent" };
      return {
        status: "failed",
        code: rule.code ?? 30003,
        message: rule.message ?? "Unreachable destination handset",
      };
    },
    http(request) {
      const method = request.method.toUpperCase();
      const mock = (parsed.http ?? []).find(
        (m) =>
          (m.method === undefined || m.method.toUpperCase() === method) && urlMatches(m.url, request.url),
      );
      if (!mock) throw new Error(`no mock for ${method} ${request.url}; add one under mocks.http`);
      return response(mock);
    },
    functions(request) {
      const mock = (parsed.functions ?? []).find((m) => urlMatches(m.url, request.url));
      if (!mock) throw new Error(`no mock for the Function ${request.url}; add one under mocks.functions`);
      return response(mock);
    },
    subflows(request) {
      const mock = (parsed.subflows ?? []).find((m) => m.flow_sid === request.flowSid);
      if (!mock)
        throw new Error(
          `no subflow ${request.flowSid}: pass its definition in subflows or add it under mocks.subflows`,
        );
      return { event: mock.event ?? "completed", variables: mock.variables ?? {} };
    },
  };
}
