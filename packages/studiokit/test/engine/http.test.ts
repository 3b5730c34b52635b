import { describe, expect, it } from "vitest";
import { type FlowDefinition } from "../../src/definition";
import { type HttpRequest, type TranscriptEntry } from "../../src/engine";
import { contact, flow, run, sms, twilio, widget } from "./helpers";

const end = { sent: undefined, failed: undefined };
const say = (name: string, body: string) => widget(name, "send-message", end, { from: twilio, body });
const bodies = (transcript: readonly TranscriptEntry[]) =>
  transcript.flatMap((t) => (t.kind === "send" ? [t.body] : []));

const httpFlow = (props: Record<string, unknown>): FlowDefinition =>
  flow(
    "incomingMessage",
    "http",
    widget(
      "http",
      "make-http-request",
      { success: "ok", failed: "ko" },
      { method: "GET", content_type: "application/json;charset=utf-8", ...props },
    ),
    say("ok", "{{widgets.http.status_code}} {{widgets.http.parsed.state}} {{widgets.http.content_type}}"),
    say("ko", "failed {{widgets.http.status_code}}"),
  );

describe("engine/make-http-request", () => {
  it("GETs with parameters in the query, parses a JSON object, takes success", async () => {
    const e = await run(
      httpFlow({
        url: "https://api.example.com/orders/{{trigger.message.Body}}",
        parameters: [{ key: "q", value: "a b" }],
      }),
      sms("42"),
      {
        mocks: {
          http: [
            {
              method: "GET",
              url: "https://api.example.com/orders/*",
              status: 200,
              body: { state: "shipped" },
            },
          ],
        },
      },
    );
    expect(e.transcript).toEqual([
      {
        kind: "http",
        widget: "http",
        method: "GET",
        url: "https://api.example.com/orders/42?q=a+b",
        status: 200,
      },
      { kind: "send", widget: "ok", from: twilio, to: contact, body: "200 shipped application/json" },
    ]);
    expect(e.context.widgets["http"]).toEqual({
      status_code: 200,
      content_type: "application/json",
      body: '{"state":"shipped"}',
      parsed: { state: "shipped" },
    });
  });

  it("POSTs JSON bodies and form-encoded parameters as Studio's exports do", async () => {
    const seen: HttpRequest[] = [];
    const http = (request: HttpRequest) => (
      seen.push(request),
      { status: 201, body: "[1,2]", headers: { "Content-Type": "application/json" } }
    );
    await run(
      httpFlow({ method: "POST", url: "https://x.test/a", body: '{"from":"{{trigger.message.From}}"}' }),
      sms(),
      { adapters: { http } },
    );
    await run(
      httpFlow({
        method: "POST",
        content_type: "application/x-www-form-urlencoded;charset=utf-8",
        url: "https://x.test/b",
        parameters: [{ key: "n", value: "{{trigger.message.Body}}" }],
      }),
      sms("7"),
      { adapters: { http } },
    );
    expect(seen).toEqual([
      {
        widget: "http",
        method: "POST",
        url: "https://x.test/a",
        contentType: "application/json;charset=utf-8",
        body: `{"from":"${contact}"}`,
        parameters: {},
      },
      {
        widget: "http",
        method: "POST",
        url: "https://x.test/b",
        contentType: "application/x-www-form-urlencoded;charset=utf-8",
        body: "n=7",
        parameters: { n: "7" },
      },
    ]);
  });

  it("does not parse arrays; fails on 4xx keeping the response", async () => {
    const e = await run(httpFlow({ url: "https://x.test/" }), sms(), {
      mocks: { http: [{ url: "https://x.test/", status: 404, body: [1] }] },
    });
    expect(e.context.widgets["http"]).toEqual({
      status_code: 404,
      content_type: "application/json",
      body: "[1]",
    });
    expect(bodies(e.transcript)).toEqual(["failed 404"]);
  });

  it.each([
    ["an unmatched URL", {}, 'widget "http": no mock for GET https://x.test/; add one under mocks.http'],
    [
      "a response over 10 s",
      { http: [{ url: "https://x.test/", status: 200, body: "ok", delay: 10.5 }] },
      `widget "http": no response within 10 s (Studio's timeout)`,
    ],
    [
      "a body over 64 KB",
      { http: [{ url: "https://x.test/", status: 200, body: "x".repeat(65537) }] },
      `widget "http": the response is 65537 bytes, over Studio's 64 KB limit`,
    ],
  ])("fails with a warning on %s", async (_label, mocks, message) => {
    const e = await run(httpFlow({ url: "https://x.test/" }), sms(), { mocks });
    expect(e.warnings).toEqual([{ kind: "warning", code: "81014", widget: "http", message }]);
    expect(e.steps.at(-2)).toMatchObject({ transitioned_from: "http", name: "failed" });
  });

  it("fails a URL that is not absolute after Liquid without a request", async () => {
    const e = await run(httpFlow({ url: "{{flow.variables.base}}/x" }), sms());
    expect(e.transcript[0]).toEqual({
      kind: "warning",
      code: "81014",
      widget: "http",
      message: 'widget "http": "/x" is not an absolute http(s) URL after Liquid',
    });
  });
  it("fails a request with the reserved parameter name `method` (81014)", async () => {
    const e = await run(
      httpFlow({ url: "https://x.test/", parameters: [{ key: "method", value: "x" }] }),
      sms(),
      {
        mocks: { http: [{ url: "*", status: 200 }] },
      },
    );
    expect(e.transcript[0]).toEqual({
      kind: "warning",
      code: "81014",
      widget: "http",
      message: 'widget "http": "method" is a reserved parameter name; rename the parameter',
    });
    expect(bodies(e.transcript)).toEqual(["failed "]);
  });
});

describe("engine/run-function", () => {
  const fnFlow = flow(
    "incomingMessage",
    "fn",
    widget(
      "fn",
      "run-function",
      { success: "again", fail: "ko" },
      {
        url: "https://svc-1234.twil.io/lookup",
        parameters: [{ key: "from", value: "{{contact.channel.address}}" }],
      },
    ),
    widget(
      "again",
      "run-function",
      { success: "done", fail: "ko" },
      { url: "https://svc-1234.twil.io/more" },
    ),
    say("done", "{{widgets.again.parsed.a}}"),
    say("ko", "ko {{widgets.fn.status_code}}"),
  );

  it("succeeds on 2xx/3xx and writes body, status_code, content_type, headers and parsed", async () => {
    const e = await run(fnFlow, sms(), {
      mocks: {
        functions: [
          { url: "https://svc-1234.twil.io/lookup", status: 200, body: { open: true } },
          {
            url: "https://svc-1234.twil.io/more",
            status: 302,
            body: "moved",
            headers: { "X-Twilio-Function-Concurrency": "1" },
          },
        ],
      },
    });
    expect(e.transcript.slice(0, 2)).toEqual([
      { kind: "function", widget: "fn", url: "https://svc-1234.twil.io/lookup", status: 200 },
      { kind: "function", widget: "again", url: "https://svc-1234.twil.io/more", status: 302 },
    ]);
    expect(e.context.widgets["fn"]).toEqual({
      status_code: 200,
      content_type: "application/json",
      body: '{"open":true}',
      parsed: { open: true },
      headers: { "content-type": "application/json" },
    });
    expect(e.context.widgets["again"]).toEqual({
      status_code: 302,
      content_type: "text/plain",
      body: "moved",
      headers: { "content-type": "text/plain", "x-twilio-function-concurrency": "1" },
    });
  });

  it("merges parsed across runs and keeps it on a non-JSON answer", async () => {
    const loop = flow(
      "incomingMessage",
      "fn",
      widget(
        "fn",
        "run-function",
        { success: "split", fail: undefined },
        { url: "https://f.twil.io/{{flow.variables.n | default: 0}}" },
      ),
      widget(
        "n",
        "set-variables",
        { next: "fn" },
        { variables: [{ key: "n", value: "{{flow.variables.n | default: 0 | plus: 1}}" }] },
      ),
      {
        name: "split",
        type: "split-based-on",
        properties: { input: "{{flow.variables.n}}" },
        transitions: [
          { event: "noMatch", next: "n" },
          {
            event: "match",
            conditions: [
              { friendly_name: "", arguments: ["{{flow.variables.n}}"], type: "equal_to", value: "2" },
            ],
          },
        ],
      },
    );
    const e = await run(loop, sms(), {
      mocks: {
        functions: [
          { url: "https://f.twil.io/0", status: 200, body: { a: 1, b: 1 } },
          { url: "https://f.twil.io/1", status: 200, body: { b: 2, c: 2 } },
          { url: "https://f.twil.io/2", status: 200, body: "plain" },
        ],
      },
    });
    expect(e.context.widgets["fn"]?.["parsed"]).toEqual({ a: 1, b: 2, c: 2 });
    expect(e.context.widgets["fn"]?.["body"]).toBe("plain");
  });

  it("takes fail on 5xx", async () => {
    const e = await run(fnFlow, sms(), {
      mocks: { functions: [{ url: "https://svc-1234.twil.io/*", status: 500, body: "boom" }] },
    });
    expect(bodies(e.transcript)).toEqual(["ko 500"]);
  });
});
