import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type FlowDefinition } from "../../src/definition";
import {
  formatFailure,
  parseScenarioText,
  runScenarioFiles,
  ScenarioFileError,
  type TestRunResult,
} from "../../src/testing";
import { flow, widget } from "../engine/helpers";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-scenario-triggers-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const flows: Record<string, FlowDefinition> = {
  // Greets by the city Twilio looked up for the sender; a failed delivery records it and ends.
  "city.json": flow(
    "incomingMessage",
    "ask",
    widget(
      "ask",
      "send-and-wait-for-reply",
      { incomingMessage: "thanks", timeout: undefined, deliveryFailure: "undelivered" },
      { body: "Hello, {{trigger.message.FromCity}}! Shall we talk?", timeout: "3600" },
    ),
    widget("thanks", "send-message", { sent: undefined, failed: undefined }, { body: "Thanks" }),
    widget(
      "undelivered",
      "set-variables",
      { next: undefined },
      { variables: [{ key: "undelivered_to", value: "{{trigger.message.FromState}}" }] },
    ),
  ),
  "call.json": flow(
    "incomingCall",
    "hello",
    widget(
      "hello",
      "say-play",
      { audioComplete: undefined },
      { say: "Calling from {{trigger.call.CallerCity}}" },
    ),
  ),
  // A Subflow: what it knows comes from its parent's parameters.
  "sub.json": flow(
    "incomingParent",
    "remember",
    widget(
      "remember",
      "set-variables",
      { next: undefined },
      {
        variables: [
          { key: "name", value: "{{trigger.parent.parameters.name}}" },
          { key: "address", value: "[{{contact.channel.address}}]" },
        ],
      },
    ),
  ),
};

let serial = 0;
async function runYaml(...lines: string[]): Promise<TestRunResult> {
  const file = path.join(dir, `case${++serial}.scenarios.yaml`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return runScenarioFiles([{ file: `case${serial}.scenarios.yaml`, path: file }], {
    loadFlow: async (flowFile) => {
      const definition = flows[path.relative(dir, flowFile)];
      if (!definition) throw new Error("no such file");
      return definition;
    },
  });
}

const failures = (run: TestRunResult) =>
  run.results
    .filter((r) => !r.passed)
    .map(formatFailure)
    .join("\n");

const sms = (extra = "") =>
  `    trigger: { event: incomingMessage, from: "+15558675310", to: "+15017122661", body: "hi"${extra} }`;

describe("engine/scenario files: triggers and delivery failures", () => {
  it("passes Twilio's other webhook parameters (FromCity…) to the flow as the trigger's own", async () => {
    const run = await runYaml(
      "flow: ./city.json",
      "scenarios:",
      "  - name: a reply",
      sms(', FromCity: "SAN FRANCISCO", FromState: CA'),
      "    steps:",
      '      - expect: { send: "Hello, SAN FRANCISCO! Shall we talk?", widget: ask }',
      "      - reply: sure",
      "      - expect: { send: Thanks, ended: true }",
      "  - name: no city given",
      sms(),
      "    steps:",
      '      - expect: { send: "Hello, SAN FRANCISCO! Shall we talk?" }',
    );
    expect(failures(run)).toBe(
      [
        "FAIL case1.scenarios.yaml › no city given",
        '  step 1 (line 12): expect: { send: "Hello, SAN FRANCISCO! Shall we talk?" }',
        '    expected: the flow to send "Hello, SAN FRANCISCO! Shall we talk?"',
        '    actual:   ask sent "Hello, ! Shall we talk?"',
        "  transcript so far:",
        '    ask sent "Hello, ! Shall we talk?"',
        "    (waiting at ask)",
        "",
      ].join("\n"),
    );
    expect({ passed: run.passed, failed: run.failed }).toEqual({ passed: 1, failed: 1 });
    const call = await runYaml(
      "flow: ./call.json",
      "scenarios:",
      "  - name: a call",
      '    trigger: { event: incomingCall, from: "+15558675310", to: "+15017122661", CallerCity: "OAKLAND" }',
      "    steps:",
      "      - expect: { say: Calling from OAKLAND, ended: true }",
    );
    expect(call.results).toEqual([{ file: "case2.scenarios.yaml", scenario: "a call", passed: true }]);
  });

  it("takes Send & Wait's deliveryFailure when a step says the message was not delivered", async () => {
    const run = await runYaml(
      "flow: ./city.json",
      "scenarios:",
      "  - name: undelivered",
      sms(", FromState: CA"),
      "    steps:",
      '      - expect: { send: "Hello, ! Shall we talk?", widget: ask }',
      "      - deliveryFailure: true",
      "      - expect: { ended: true, variables: { undelivered_to: CA } }",
      "      - expect: { send: Thanks }",
    );
    expect(failures(run)).toBe(
      [
        "FAIL case3.scenarios.yaml › undelivered",
        '  step 4 (line 9): expect: { send: "Thanks" }',
        '    expected: the flow to send "Thanks"',
        "    actual:   nothing more was sent; ended",
        "  transcript so far:",
        '    ask sent "Hello, ! Shall we talk?"',
        "    (ended)",
        "",
      ].join("\n"),
    );
  });

  it("starts a Subflow's incomingParent without from and to", async () => {
    const run = await runYaml(
      "flow: ./sub.json",
      "scenarios:",
      "  - name: from the parent",
      "    trigger: { event: incomingParent, parameters: { name: Ada } }",
      "    steps:",
      "      - expect: { ended: true, variables: { name: Ada, address: '[]' } }",
      "  - name: with the parent's contact",
      '    trigger: { event: incomingParent, from: "+15558675310", to: "+15017122661" }',
      "    steps:",
      "      - expect: { ended: true, variables: { name: '', address: '[+15558675310]' } }",
    );
    expect(run).toEqual({
      passed: 2,
      failed: 0,
      results: [
        { file: "case4.scenarios.yaml", scenario: "from the parent", passed: true },
        { file: "case4.scenarios.yaml", scenario: "with the parent's contact", passed: true },
      ],
      coverage: [],
    });
  });

  it("reads webhook parameters and the new step as written", () => {
    const parsed = parseScenarioText(
      [
        "flow: ./city.json",
        "scenarios:",
        "  - name: one",
        sms(', FromCity: "SAN FRANCISCO"'),
        "    steps: [{ deliveryFailure: true }]",
        "  - name: two",
        "    trigger: { event: incomingParent }",
        "    steps: []",
      ].join("\n"),
      "f.scenarios.yaml",
    );
    expect(parsed.scenarios).toEqual([
      {
        name: "one",
        trigger: {
          event: "incomingMessage",
          from: "+15558675310",
          to: "+15017122661",
          body: "hi",
          FromCity: "SAN FRANCISCO",
        },
        steps: [{ deliveryFailure: true }],
      },
      { name: "two", trigger: { event: "incomingParent" }, steps: [] },
    ]);
  });

  it("names the line and the fix for a misused trigger key", () => {
    const error = (trigger: string) => {
      const text = [
        "flow: ./city.json",
        "scenarios:",
        "  - name: one",
        "    trigger:",
        trigger,
        "    steps: []",
      ];
      try {
        parseScenarioText(text.join("\n"), "f.scenarios.yaml");
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioFileError);
        return (e as Error).message;
      }
      throw new Error("parsed without an error");
    };
    const at = (event: string, ...lines: string[]) =>
      [`      event: ${event}`, '      from: "+15558675310"', '      to: "+15017122661"', ...lines].join(
        "\n",
      );
    expect([
      error(at("incomingMessage", '      fromCity: "SF"')),
      error(at("incomingMessag", "      fromCity: SF")),
      error(at("incomingMessage", "      NumMedia: 0")),
      error(at("incomingRequest", '      FromCity: "SF"')),
      error(at("incomingMessage", '      From: "+15550000000"')),
      error(at("incomingMessage", "      deliveryFailure: true")),
      error("      event: incomingCall"),
      error("      event: incomingParent\n      body: hi"),
    ]).toEqual([
      'f.scenarios.yaml:8: scenarios[0].trigger: unknown key "fromCity"; allowed: event, from, to, body, parameters or a Twilio webhook parameter such as FromCity',
      'f.scenarios.yaml:8: scenarios[0].trigger: unknown key "fromCity"; allowed: event, from, to, body, parameters or a Twilio webhook parameter such as FromCity',
      'f.scenarios.yaml:8: scenarios[0].trigger.NumMedia: a Twilio webhook parameter must be text in quotes; YAML read it as the number 0, losing any "+" or leading zeros',
      "f.scenarios.yaml:8: scenarios[0].trigger.FromCity: Twilio webhook parameters such as FromCity are only for incomingMessage, incomingConversationMessage, and incomingCall triggers",
      "f.scenarios.yaml:8: scenarios[0].trigger.From: From is set by from; write from instead",
      'f.scenarios.yaml:8: scenarios[0].trigger: unknown key "deliveryFailure"; allowed: event, from, to, body, parameters or a Twilio webhook parameter such as FromCity',
      "f.scenarios.yaml:4: scenarios[0].trigger: from is required",
      "f.scenarios.yaml:6: scenarios[0].trigger.body: body is only for incomingMessage and incomingConversationMessage triggers",
    ]);
  });
});
