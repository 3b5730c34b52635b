import { z } from "zod";
import { globMatcher } from "./glob";
import { remember } from "./remember";
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
const urlGlob = z
  .string()
  .min(1, "a URL or a glob such as https://api.example.com/orders/*")
  .describe("the URL, `*` matching anything (`/` included); without `?` the query string is ignored");
const status = z.number().int().min(100).max(599).describe("the HTTP status of the answer");
const headers = z
  .record(z.string(), z.string())
  .describe("response headers, e.g. Location for a 3xx or Content-Type (names in any letter case)");
const delay = z
  .number()
  .min(0)
  .describe("seconds the call takes; more than 10 in all fails the widget as Studio's timeout");
const mockBody = z
  .json()
  .describe("the response body: text is sent as text/plain, anything else as application/json");

/** One answer of a mock: the status, the body (an object or array is sent as JSON), headers, delay. */
export const mockResponseSchema = z.strictObject({
  status,
  body: mockBody.optional(),
  headers: headers.optional(),
  delay: delay.optional(),
});
export type MockResponse = z.output<typeof mockResponseSchema>;

const answerShape = {
  status: status.optional(),
  body: mockBody.optional(),
  headers: headers.optional(),
  delay: delay.optional(),
  responses: z
    .array(mockResponseSchema)
    .min(1)
    .optional()
    .describe("answers given in order, one per call; the last one repeats (instead of status)"),
};

/** A mock answers either with `status` (and `body`, `headers`, `delay`) or with `responses`. */
function oneWayToAnswer(mock: { status?: number | undefined; responses?: unknown }, ctx: z.RefinementCtx) {
  if ((mock.status === undefined) === (mock.responses === undefined))
    ctx.addIssue({
      code: "custom",
      message:
        mock.status === undefined
          ? "a mock needs status (one answer) or responses (answers in order)"
          : "give status, body, headers and delay, or responses, not both",
    });
  else if (mock.responses !== undefined)
    for (const key of ["body", "headers", "delay"] as const)
      if (key in mock)
        ctx.addIssue({ code: "custom", path: [key], message: `${key} goes inside each of responses` });
}

export const httpMockSchema = z
  .strictObject({
    method: z.string().min(1).optional().describe("only requests with this method (any letter case)"),
    url: urlGlob,
    ...answerShape,
  })
  .superRefine(oneWayToAnswer);

export const functionMockSchema = z
  .strictObject({ url: urlGlob, ...answerShape })
  .superRefine(oneWayToAnswer);

export const subflowMockSchema = z.strictObject({
  flow_sid: z.string().min(1).describe("the Subflow's SID, as Run Subflow names it"),
  event: z
    .enum(["completed", "failed"])
    .optional()
    .describe("the event Run Subflow takes (default completed)"),
  variables: z
    .record(z.string(), z.json())
    .optional()
    .describe("the Subflow's flow.variables, which the parent reads as widgets.NAME.*"),
});

/** Makes matching sends fail (81011), e.g. to test a `failed` or `deliveryFailure` branch. */
export const messageMockSchema = z.strictObject({
  to: urlGlob.optional().describe("only messages to this address (`*` matches anything)"),
  body: z.string().optional().describe("only messages whose body contains this text"),
  status: z.literal("failed"),
  code: z.number().int().optional().describe("the Twilio error code (default 30003)"),
  message: z.string().optional(),
});

/** The `mocks:` block of a scenario, and `ExecutionOptions.mocks`. */
export const mocksSchema = z.strictObject({
  http: z.array(httpMockSchema).optional().describe("Make HTTP Request answers; the first match wins"),
  functions: z.array(functionMockSchema).optional().describe("Run Function answers; the first match wins"),
  subflows: z.array(subflowMockSchema).optional().describe("Run Subflow outcomes, stubbing the Subflow"),
  messages: z.array(messageMockSchema).optional().describe("sends that fail; every other send succeeds"),
});
export type Mocks = z.input<typeof mocksSchema>;
export type ParsedMocks = z.output<typeof mocksSchema>;
export type HttpMock = z.input<typeof httpMockSchema>;
export type FunctionMock = z.input<typeof functionMockSchema>;

const globCache = new Map<string, (text: string) => boolean>();
const compiledGlob = (glob: string): ((text: string) => boolean) => remember(globCache, glob, globMatcher);

/** A glob without `?` ignores the query string, so GET parameters do not break a plain URL mock. */
export function urlMatches(glob: string, url: string): boolean {
  const subject = glob.includes("?") ? url : (url.split("?")[0] ?? url);
  return compiledGlob(glob)(subject);
}

function response(answer: MockResponse): HttpResponse {
  const isText = typeof answer.body === "string";
  const body =
    answer.body === undefined ? "" : isText ? (answer.body as string) : JSON.stringify(answer.body);
  const contentType = answer.body === undefined ? undefined : isText ? "text/plain" : "application/json";
  const lower = Object.fromEntries(
    Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  return {
    status: answer.status,
    body,
    headers: contentType && !lower["content-type"] ? { "content-type": contentType, ...lower } : lower,
    ...(answer.delay === undefined ? {} : { durationMs: answer.delay * 1000 }),
  };
}

type AnswerMock = z.output<typeof functionMockSchema>;

/** Answers of mocks with `responses`, in order; the count lives in the adapters that use it. */
function answerer(): (mock: AnswerMock) => HttpResponse {
  const calls = new Map<AnswerMock, number>();
  return (mock) => {
    if (!mock.responses) return response(mock as MockResponse);
    const n = calls.get(mock) ?? 0;
    calls.set(mock, n + 1);
    return response(mock.responses[Math.min(n, mock.responses.length - 1)]!);
  };
}

export function mockAdapters(mocks: Mocks = {}): Adapters {
  return adaptersFromMocks(mocksSchema.parse(mocks));
}

/** `mockAdapters` for mocks already checked against `mocksSchema` (a scenario file's). */
export function adaptersFromMocks(parsed: ParsedMocks): Adapters {
  const answer = answerer();
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
      return answer(mock);
    },
    functions(request) {
      const mock = (parsed.functions ?? []).find((m) => urlMatches(m.url, request.url));
      if (!mock) throw new Error(`no mock for the Function ${request.url}; add one under mocks.functions`);
      return answer(mock);
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
