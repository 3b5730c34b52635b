import { describe, expect, it } from "vitest";
import { parseScenarioText, ScenarioFileError } from "../../src/testing";

const file = "flows/bots.scenarios.yaml";

function error(text: string): string {
  try {
    parseScenarioText(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioFileError);
    return (e as Error).message;
  }
  throw new Error("parsed without an error");
}

/** A file with one scenario whose trigger and steps are given as YAML lines. */
const one = (trigger: string, ...steps: string[]) =>
  [
    "flow: ./bots.json",
    "scenarios:",
    "  - name: first",
    `    trigger: ${trigger}`,
    "    steps:",
    ...steps.map((s) => `      - ${s}`),
    "",
  ].join("\n");
const sms = '{ event: incomingMessage, from: "+15558675310", to: "+15017122661", body: "hi" }';

describe("engine/scenario files: reading", () => {
  it("reads every step kind, with YAML 1.2 scalars (yes and 2024-01-01 stay text)", () => {
    const parsed = parseScenarioText(
      [
        "# a comment",
        "flow: ./bots.json",
        "scenarios:",
        "  - name: all steps",
        `    trigger: { event: incomingRequest, from: "+15017122661", to: "+15558675310", parameters: { day: 2024-01-01, n: 2 } }`,
        "    mocks:",
        "      http: [{ method: GET, url: 'https://api.example.com/*', status: 200, body: { state: shipped } }]",
        "    steps:",
        "      - expect: { send: Hi, say: { contains: Hi }, widget: ask, variables: { a: yes, b: 2 }, ended: false }",
        "      - expect: { send: { matches: '^H' } }",
        "      - reply: yes",
        "      - wait: 3600",
        '      - press: "1"',
        "      - speak: sales please",
        "      - hangup: true",
        "",
      ].join("\n"),
      file,
    );
    expect({ flow: parsed.flow, flowLine: parsed.lineOf(["flow"]), scenarios: parsed.scenarios }).toEqual({
      flow: "./bots.json",
      flowLine: 2,
      scenarios: [
        {
          name: "all steps",
          trigger: {
            event: "incomingRequest",
            from: "+15017122661",
            to: "+15558675310",
            parameters: { day: "2024-01-01", n: 2 },
          },
          mocks: {
            http: [
              { method: "GET", url: "https://api.example.com/*", status: 200, body: { state: "shipped" } },
            ],
          },
          steps: [
            {
              expect: {
                send: "Hi",
                say: { contains: "Hi" },
                widget: "ask",
                variables: { a: "yes", b: 2 },
                ended: false,
              },
            },
            { expect: { send: { matches: "^H" } } },
            { reply: "yes" },
            { wait: 3600 },
            { press: "1" },
            { speak: "sales please" },
            { hangup: true },
          ],
        },
      ],
    });
    expect([0, 1, 2, 6].map((i) => parsed.lineOf(["scenarios", 0, "steps", i]))).toEqual([9, 10, 11, 15]);
    expect(parsed.lineOf(["scenarios", 0, "trigger"])).toBe(5);
  });

  it("names the file and line of every unusable input, in one line", () => {
    expect([
      error(one(sms, 'expect: { send: "Hi" }', 'exepct: { send: "x" }')),
      error(one(sms, "expect: { send: { contain: x } }")),
      error(one(sms, "expect: { send: { matches: '(' } }")),
      error(one(sms, "expect: {}")),
      error(one(sms, "expect: { widgets: ask }")),
      error(one(sms, "reply: x\n        wait: 3")),
      error(one(sms, "wait: soon")),
      error(one(sms, "wait: -1")),
      error(one(sms, "press: 1")),
      error(one(sms, "hangup: false")),
      error(one("{ event: incomingMessag, from: a, to: b }")),
      error(one("{ event: incomingMessage, from: +15558675310, to: b }")),
      error(one("{ event: incomingCall, from: a, to: b, body: hi }")),
      error(one("{ event: incomingMessage, from: a, to: b, parameters: { x: 1 } }")),
      error(one("{ event: incomingMessage, to: b }")),
    ]).toEqual([
      `${file}:7: scenarios[0].steps[1]: unknown key "exepct"; allowed: expect, reply, wait, press, speak, hangup, deliveryFailure, event`,
      `${file}:6: scenarios[0].steps[0].expect.send: expected text, { contains: "…" } or { matches: "regex" }`,
      `${file}:6: scenarios[0].steps[0].expect.send.matches: matches is not a valid regular expression`,
      `${file}:6: scenarios[0].steps[0].expect: expect needs at least one of send, say, widget, variables, ended, request, execution`,
      `${file}:6: scenarios[0].steps[0].expect: unknown key "widgets"; allowed: send, say, widget, variables, ended, request, execution`,
      `${file}:6: scenarios[0].steps[0]: a step has exactly one of expect, reply, wait, press, speak, hangup, deliveryFailure, event`,
      `${file}:6: scenarios[0].steps[0].wait: Invalid input: expected number, received string`,
      `${file}:6: scenarios[0].steps[0].wait: Too small: expected number to be >=0`,
      `${file}:6: scenarios[0].steps[0].press: press must be text in quotes; YAML read it as the number 1, losing any "+" or leading zeros`,
      `${file}:6: scenarios[0].steps[0].hangup: Invalid input: expected true`,
      `${file}:4: scenarios[0].trigger.event: Invalid option: expected one of "incomingMessage"|"incomingCall"|"incomingConversationMessage"|"incomingRequest"|"incomingParent"`,
      `${file}:4: scenarios[0].trigger.from: from must be text in quotes; YAML read it as the number 15558675310, losing any "+" or leading zeros`,
      `${file}:4: scenarios[0].trigger.body: body is only for incomingMessage and incomingConversationMessage triggers`,
      `${file}:4: scenarios[0].trigger.parameters: parameters are only for incomingRequest and incomingParent triggers`,
      `${file}:4: scenarios[0].trigger: from is required`,
    ]);
  });

  it("reports bad YAML, a wrong top level, missing and duplicate names, and unknown mocks", () => {
    expect([
      error("flow: ./bots.json\nscenarios:\n  - name: a\n    trigger: { event: incomingMessage, from: a\n"),
      error(""),
      error("- just a list"),
      error("flow: ./bots.json\n"),
      error("flow: ./bots.json\nscenarios: []\n"),
      error("flow: ./bots.json\nflow: ./other.json\n"),
      error("flows: ./bots.json\n"),
      error(`flow: ./bots.json\nscenarios:\n  - trigger: ${sms}\n    steps: []\n`),
      error(
        `flow: ./bots.json\nscenarios:\n  - name: a\n    trigger: ${sms}\n    steps: []\n  - name: a\n    trigger: ${sms}\n    steps: []\n`,
      ),
      error(
        `flow: ./bots.json\nscenarios:\n  - name: a\n    trigger: ${sms}\n    mocks: { htp: [] }\n    steps: []\n`,
      ),
    ]).toEqual([
      `${file}:5: bad YAML: unexpected end of the stream within a flow collection`,
      `${file}:1: expected a mapping with flow and scenarios`,
      `${file}:1: expected a mapping with flow and scenarios`,
      `${file}:1: scenarios is required`,
      `${file}:2: scenarios: scenarios must list at least one scenario`,
      `${file}:2: bad YAML: duplicated mapping key`,
      `${file}:1: unknown key "flows"; allowed: flow, subflows, strict, scenarios`,
      `${file}:3: scenarios[0]: name is required`,
      `${file}:6: scenarios[1].name: scenario name "a" is used twice; names identify scenarios in reports`,
      `${file}:5: scenarios[0].mocks: Unrecognized key: "htp"`,
    ]);
  });
});
