import { describe, expect, it } from "vitest";
import { flow, widget } from "../engine/helpers";
import { reports, scenarioProject, smsTrigger } from "./scenario-project";

const send = (name: string, body: string, next?: string) =>
  widget(name, "send-message", { sent: next, failed: undefined }, { body });

/**
 * Twilio's retry counter (docs:widget-library/run-function, "Reattempting an outbound request"):
 * the Function's fail loops through a counter and a split back to the Function, three tries at
 * most; then the order is posted with Make HTTP Request.
 */
const retry = flow(
  "incomingMessage",
  "lookup",
  widget(
    "lookup",
    "run-function",
    { success: "notify", fail: "count" },
    {
      url: "https://svc-1.twil.io/lookup",
      parameters: [{ key: "order", value: "{{trigger.message.Body}}" }],
    },
  ),
  widget(
    "count",
    "set-variables",
    { next: "enough" },
    {
      variables: [
        {
          key: "count",
          value: "{% if flow.variables.count %}{{flow.variables.count | plus: 1}} {% else %} 1 {% endif %}",
        },
      ],
    },
  ),
  {
    name: "enough",
    type: "split-based-on",
    properties: { input: "{{flow.variables.count}}" },
    transitions: [
      { event: "noMatch", next: "lookup" },
      {
        event: "match",
        next: "sorry",
        conditions: [
          { friendly_name: "3", arguments: ["{{flow.variables.count}}"], type: "equal_to", value: "3" },
        ],
      },
    ],
  },
  widget(
    "notify",
    "make-http-request",
    { success: "told", failed: "sorry" },
    {
      method: "POST",
      content_type: "application/json;charset=utf-8",
      url: "https://api.example.com/notify",
      body: '{"order": {{trigger.message.Body}}, "state": "{{widgets.lookup.parsed.state}}"}',
    },
  ),
  send("told", "Order {{trigger.message.Body}} is {{widgets.notify.parsed.state}}"),
  send("sorry", "Sorry, try later"),
);

const project = scenarioProject({ "retry.json": retry });
const file = (name: string, body: string) => {
  project.write(name, body);
  return name;
};

const mocks = [
  "    mocks:",
  "      functions:",
  "        - url: https://svc-1.twil.io/lookup",
  "          responses: [{ status: 500 }, { status: 503 }, { status: 200, body: { state: shipped } }]",
  "      http:",
  "        - { method: POST, url: https://api.example.com/notify, status: 302, headers: { LOCATION: /orders/42 } }",
  "        - { method: GET, url: https://api.example.com/orders/*, status: 200, body: { state: shipped } }",
];

describe("scenario files: mocks.*.responses and expect.request", () => {
  it("answers in order and asserts each outgoing request, redirects included", async () => {
    const run = await project.run(
      file(
        "retry.scenarios.yaml",
        [
          "flow: ./retry.json",
          "strict: true",
          "scenarios:",
          "  - name: the third try answers",
          `    trigger: ${smsTrigger("42")}`,
          ...mocks,
          "    steps:",
          "      - expect: { request: { url: https://svc-1.twil.io/lookup, method: post, params: { order: 42 } } }",
          "      - expect: { request: { url: 'https://svc-1.twil.io/*', body: { order: '42' } } }",
          "      - expect: { request: { params: { order: '42' } }, variables: { count: 2 } }",
          "      - expect: { request: { method: POST, body: { order: 42, state: shipped } } }",
          "      - expect: { request: { method: GET, url: https://api.example.com/orders/42, body: '' } }",
          "      - expect: { send: Order 42 is shipped, ended: true }",
        ].join("\n"),
      ),
    );
    expect(reports(run)).toBe("");
    expect(run.passed).toBe(1);
  });

  it("reports the first difference of a request, and a request that never went out", async () => {
    const scenario = (name: string, ...steps: string[]) => [
      `  - name: ${name}`,
      `    trigger: ${smsTrigger("42")}`,
      ...mocks,
      "    steps:",
      ...steps.map((s) => `      - ${s}`),
    ];
    const run = await project.run(
      file(
        "misses.scenarios.yaml",
        [
          "flow: ./retry.json",
          "scenarios:",
          ...scenario("url", "expect: { request: { url: https://svc-1.twil.io/other } }"),
          ...scenario(
            "typed JSON",
            "expect: { request: {} }",
            "expect: { request: {} }",
            "expect: { request: {} }",
            "expect: { request: { body: { order: '42' } } }",
          ),
          ...scenario("params", "expect: { request: { params: { order: 7, extra: x } } }"),
          ...scenario("text body", "expect: { request: { body: 'order=41' } }"),
          ...scenario("none left", ...Array(5).fill("expect: { request: { method: get } }")),
        ].join("\n"),
      ),
    );
    const actuals = run.results.map(
      (r) => r.failure && [r.failure.step, r.failure.expected, r.failure.actual],
    );
    expect(actuals).toEqual([
      [
        1,
        "the flow to send a request https://svc-1.twil.io/other",
        "lookup POST https://svc-1.twil.io/lookup: URL https://svc-1.twil.io/lookup",
      ],
      [
        4,
        'the flow to send a request body { order: "42" }',
        'notify POST https://api.example.com/notify: body { order: 42, state: "shipped" }',
      ],
      [
        1,
        'the flow to send a request params { order: 7, extra: "x" }',
        'lookup POST https://svc-1.twil.io/lookup: params { order: "42" }',
      ],
      [
        1,
        'the flow to send a request body "order=41"',
        'lookup POST https://svc-1.twil.io/lookup: body "order=42"',
      ],
      [1, "the flow to send a request GET", "lookup POST https://svc-1.twil.io/lookup: method POST"],
    ]);
  });
});

describe("scenario files: strict", () => {
  it("fails a scenario when a message no step expected was sent, at the strict line", async () => {
    const run = await project.run(
      file(
        "strict.scenarios.yaml",
        [
          "flow: ./retry.json",
          "",
          "strict: true",
          "scenarios:",
          "  - name: forgets the last message",
          `    trigger: ${smsTrigger("42")}`,
          ...mocks,
          "    steps:",
          "      - expect: { ended: true }",
        ].join("\n"),
      ),
    );
    expect(reports(run)).toBe(
      [
        "FAIL strict.scenarios.yaml › forgets the last message",
        "  step 2 (line 3): strict: true",
        "    expected: no step expected this message",
        '    actual:   told sent "Order 42 is shipped"',
        "  transcript so far:",
        "    lookup ran https://svc-1.twil.io/lookup → 500",
        "    lookup ran https://svc-1.twil.io/lookup → 503",
        "    lookup ran https://svc-1.twil.io/lookup → 200",
        "    notify POST https://api.example.com/notify → 302",
        "    notify GET https://api.example.com/orders/42 → 200",
        '    told sent "Order 42 is shipped"',
        "    (ended)",
        "",
      ].join("\n"),
    );
  });

  it("lets the same scenario pass without strict", async () => {
    const run = await project.run(
      file(
        "lenient.scenarios.yaml",
        [
          "flow: ./retry.json",
          "scenarios:",
          "  - name: x",
          `    trigger: ${smsTrigger("42")}`,
          ...mocks,
          "    steps: [{ expect: { ended: true } }]",
        ].join("\n"),
      ),
    );
    expect(run.passed).toBe(1);
  });
});
