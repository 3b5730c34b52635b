import { describe, expect, it } from "vitest";
import { type FlowDefinition } from "../../src/definition";
import { httpMockSchema, type HttpRequest, type TranscriptEntry } from "../../src/engine";
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

describe("engine/make-http-request: redirects", () => {
  const seenBy = (
    answers: Record<string, { status: number; headers?: Record<string, string>; body?: string }>,
  ) => {
    const seen: HttpRequest[] = [];
    const http = (request: HttpRequest) => {
      seen.push(request);
      const answer = answers[`${request.method} ${request.url}`];
      if (!answer) throw new Error(`unexpected ${request.method} ${request.url}`);
      return { headers: {}, body: "", ...answer };
    };
    return { seen, http };
  };
  const post = (contentType: string, extra: Record<string, unknown> = {}) =>
    httpFlow({ method: "POST", url: "https://x.test/a/b", content_type: contentType, ...extra });

  it.each([301, 302, 303])(
    "follows %i after a POST with a GET without body, to a relative Location",
    async (status) => {
      const { seen, http } = seenBy({
        "POST https://x.test/a/b": { status, headers: { LoCaTiOn: "../c?x=1" } },
        "GET https://x.test/c?x=1": {
          status: 200,
          headers: { "Content-Type": "application/json" },
          body: '{"state":"moved"}',
        },
      });
      const e = await run(
        post("application/x-www-form-urlencoded", { parameters: [{ key: "n", value: "1" }] }),
        sms(),
        {
          adapters: { http },
        },
      );
      expect(seen.map((r) => [r.method, r.url, r.body, r.parameters])).toEqual([
        ["POST", "https://x.test/a/b", "n=1", { n: "1" }],
        ["GET", "https://x.test/c?x=1", undefined, {}],
      ]);
      expect(e.transcript).toEqual([
        { kind: "http", widget: "http", method: "POST", url: "https://x.test/a/b", status },
        { kind: "http", widget: "http", method: "GET", url: "https://x.test/c?x=1", status: 200 },
        { kind: "send", widget: "ok", from: twilio, to: contact, body: "200 moved application/json" },
      ]);
    },
  );

  it.each([307, 308])("repeats the method and the body on %i", async (status) => {
    const { seen, http } = seenBy({
      "POST https://x.test/a/b": { status, headers: { location: "https://y.test/z" } },
      "POST https://y.test/z": { status: 201 },
    });
    await run(post("application/json", { body: '{"a":1}' }), sms(), { adapters: { http } });
    expect(seen.map((r) => [r.method, r.url, r.contentType, r.body])).toEqual([
      ["POST", "https://x.test/a/b", "application/json", '{"a":1}'],
      ["POST", "https://y.test/z", "application/json", '{"a":1}'],
    ]);
  });

  it("keeps a PUT on 302 (only a POST turns into a GET)", async () => {
    const { seen, http } = seenBy({
      "PUT https://x.test/a": { status: 302, headers: { Location: "/b" } },
      "PUT https://x.test/b": { status: 204 },
    });
    const e = await run(httpFlow({ method: "PUT", url: "https://x.test/a", body: "{}" }), sms(), {
      adapters: { http },
    });
    expect(seen.map((r) => [r.method, r.url, r.body])).toEqual([
      ["PUT", "https://x.test/a", "{}"],
      ["PUT", "https://x.test/b", "{}"],
    ]);
    expect(e.steps[1]).toMatchObject({ transitioned_from: "http", name: "success" });
  });

  it("follows 10 redirects and fails on the 11th, reporting that response", async () => {
    const answers: Record<string, { status: number; headers: Record<string, string> }> = {};
    for (let i = 0; i <= 11; i++)
      answers[`GET https://x.test/${i}`] = { status: 302, headers: { location: `/${i + 1}` } };
    const ten = seenBy({ ...answers, "GET https://x.test/10": { status: 200, headers: {} } });
    const fine = await run(httpFlow({ url: "https://x.test/0" }), sms(), { adapters: { http: ten.http } });
    expect(ten.seen).toHaveLength(11);
    expect(bodies(fine.transcript)).toEqual(["200  "]);
    const eleven = seenBy(answers);
    const e = await run(httpFlow({ url: "https://x.test/0" }), sms(), { adapters: { http: eleven.http } });
    expect(eleven.seen).toHaveLength(11);
    expect(e.warnings).toEqual([
      {
        kind: "warning",
        code: "81014",
        widget: "http",
        message: 'widget "http": more than 10 redirects; the last one is not followed',
      },
    ]);
    expect(e.context.widgets["http"]).toEqual({ status_code: 302, content_type: "", body: "" });
    expect(bodies(e.transcript)).toEqual(["failed 302"]);
  });

  it("fails on a 3xx without a Location, or with one it cannot follow", async () => {
    const mocks = (headers: Record<string, string>) => ({
      mocks: { http: [{ url: "https://x.test/", status: 301, headers, body: "moved" }] },
    });
    const none = await run(httpFlow({ url: "https://x.test/" }), sms(), mocks({}));
    expect(none.warnings).toEqual([]);
    expect(bodies(none.transcript)).toEqual(["failed 301"]);
    const ftp = await run(httpFlow({ url: "https://x.test/" }), sms(), mocks({ Location: "ftp://x.test/f" }));
    expect(ftp.warnings).toEqual([
      {
        kind: "warning",
        code: "81014",
        widget: "http",
        message: 'widget "http": cannot follow the redirect to "ftp://x.test/f"',
      },
    ]);
  });

  it("counts the time of every hop against the 10 s timeout", async () => {
    const e = await run(httpFlow({ url: "https://x.test/a" }), sms(), {
      mocks: {
        http: [
          { url: "https://x.test/a", status: 302, headers: { Location: "/b" }, delay: 6 },
          { url: "https://x.test/b", status: 200, delay: 5 },
        ],
      },
    });
    expect(e.warnings.map((w) => w.message)).toEqual([
      `widget "http": no response within 10 s (Studio's timeout)`,
    ]);
  });

  it("lets a mock answer with a 3xx and a Location, then in order with responses", async () => {
    const e = await run(httpFlow({ url: "https://x.test/a" }), sms(), {
      mocks: {
        http: [
          {
            url: "https://x.test/a",
            responses: [
              { status: 302, headers: { Location: "https://x.test/a?again=1" } },
              { status: 200, body: { state: "second" } },
            ],
          },
        ],
      },
    });
    expect(e.transcript.map((t) => (t.kind === "http" ? `${t.url} ${t.status}` : t.kind))).toEqual([
      "https://x.test/a 302",
      "https://x.test/a?again=1 200",
      "send",
    ]);
    expect(bodies(e.transcript)).toEqual(["200 second application/json"]);
  });
});

describe("engine/http widgets: only application/json is parsed", () => {
  it.each([
    ["application/json", true],
    ["Application/JSON; charset=utf-8", true],
    [" application/json ;charset=UTF-8", true],
    ["text/plain", false],
    ["text/json", false],
    ["application/problem+json", false],
    ["application/jsonp", false],
    ["", false],
  ])("%j → parsed: %s, for Make HTTP Request and Run Function", async (contentType, parsed) => {
    const answer = { status: 200, body: '{"state":"x"}', headers: { "Content-Type": contentType } };
    const h = await run(httpFlow({ url: "https://x.test/" }), sms(), {
      mocks: { http: [{ url: "*", ...answer }] },
    });
    const f = await run(
      flow(
        "incomingMessage",
        "fn",
        widget("fn", "run-function", { success: undefined, fail: undefined }, { url: "https://f.twil.io/x" }),
      ),
      sms(),
      { mocks: { functions: [{ url: "*", ...answer }] } },
    );
    for (const outputs of [h.context.widgets["http"], f.context.widgets["fn"]]) {
      expect(outputs?.["body"]).toBe('{"state":"x"}');
      expect(outputs?.["parsed"]).toEqual(parsed ? { state: "x" } : undefined);
    }
  });

  it("does not parse a text/plain mock body that looks like JSON; an object body is sent as application/json", async () => {
    const text = await run(httpFlow({ url: "https://x.test/" }), sms(), {
      mocks: { http: [{ url: "*", status: 200, body: '{"state":"x"}' }] },
    });
    expect(text.context.widgets["http"]).toEqual({
      status_code: 200,
      content_type: "text/plain",
      body: '{"state":"x"}',
    });
  });
});

describe("engine/mocks: responses in order", () => {
  const retry = flow(
    "incomingMessage",
    "fn",
    widget("fn", "run-function", { success: "ok", fail: "fn" }, { url: "https://f.twil.io/flaky" }),
    say("ok", "{{widgets.fn.status_code}} {{widgets.fn.parsed.n}}"),
  );
  const mocks = {
    functions: [
      {
        url: "https://f.twil.io/*",
        responses: [{ status: 500 }, { status: 503, delay: 1 }, { status: 200, body: { n: 3 } }],
      },
    ],
  };

  it("answers in order, repeats the last, and starts over in each execution", async () => {
    for (let i = 0; i < 2; i++) {
      const e = await run(retry, sms(), { mocks });
      expect(
        e.transcript.map((t) => (t.kind === "function" ? t.status : t.kind === "send" ? t.body : t.kind)),
      ).toEqual([500, 503, 200, "200 3"]);
    }
    const repeat = flow(
      "incomingMessage",
      "a",
      widget(
        "a",
        "make-http-request",
        { success: "b", failed: "b" },
        { method: "GET", url: "https://x.test/", content_type: "application/json" },
      ),
      widget(
        "b",
        "make-http-request",
        { success: "c", failed: "c" },
        { method: "GET", url: "https://x.test/", content_type: "application/json" },
      ),
      widget(
        "c",
        "make-http-request",
        { success: undefined, failed: undefined },
        { method: "GET", url: "https://x.test/", content_type: "application/json" },
      ),
    );
    const e = await run(repeat, sms(), {
      mocks: { http: [{ url: "https://x.test/", responses: [{ status: 404 }, { status: 200 }] }] },
    });
    expect(e.transcript.map((t) => t.kind === "http" && t.status)).toEqual([404, 200, 200]);
  });

  it.each([
    [{ url: "*" }, "a mock needs status (one answer) or responses (answers in order)"],
    [
      { url: "*", status: 200, responses: [{ status: 200 }] },
      "give status, body, headers and delay, or responses, not both",
    ],
    [{ url: "*", body: "x", responses: [{ status: 200 }] }, "body goes inside each of responses"],
    [{ url: "*", responses: [] }, "Too small: expected array to have >=1 items"],
  ])("refuses the mock %j", (mock, message) => {
    const result = httpMockSchema.safeParse(mock);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});
