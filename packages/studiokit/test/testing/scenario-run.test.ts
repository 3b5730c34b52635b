import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseFlowDefinition, type FlowDefinition } from "../../src/definition";
import { formatFailure, runScenarioFiles, ScenarioFileError, type TestRunResult } from "../../src/testing";
import { seedFlowPath } from "../support/fixtures";
import { flow, widget } from "../engine/helpers";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-scenarios-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const seed = parseFlowDefinition(JSON.parse(fs.readFileSync(seedFlowPath, "utf8")));
if (!seed.ok) throw new Error("the seed flow does not parse");

const send = (name: string, body: string, next?: string) =>
  widget(name, "send-message", { sent: next, failed: undefined }, { body });

const flows: Record<string, FlowDefinition> = {
  "bots.json": seed.value,
  "ivr.json": flow(
    "incomingCall",
    "menu",
    widget(
      "menu",
      "gather-input-on-call",
      { keypress: "pressed", speech: "said", timeout: "silence" },
      { say: "Press 1 or say sales", timeout: 5 },
    ),
    widget("pressed", "say-play", { audioComplete: "hold" }, { say: "You pressed {{widgets.menu.Digits}}" }),
    widget(
      "said",
      "say-play",
      { audioComplete: undefined },
      { say: "You said {{widgets.menu.SpeechResult}}" },
    ),
    widget("silence", "say-play", { audioComplete: undefined }, { say: "Goodbye" }),
    widget(
      "hold",
      "gather-input-on-call",
      { keypress: undefined, speech: undefined, timeout: undefined },
      {
        say: "Anything else?",
      },
    ),
  ),
  "api.json": flow(
    "incomingRequest",
    "remember",
    widget(
      "remember",
      "set-variables",
      { next: "lookup" },
      {
        variables: [
          { key: "name", value: "{{flow.data.name}}" },
          { key: "visits", value: "3" },
        ],
      },
    ),
    widget(
      "lookup",
      "make-http-request",
      { success: "tell", failed: "sorry" },
      {
        method: "GET",
        content_type: "application/json",
        url: "https://api.example.com/orders/{{flow.data.order}}",
      },
    ),
    send("tell", "{{flow.variables.name}}, your order is {{widgets.lookup.parsed.state}}"),
    send("sorry", "Sorry {{flow.variables.name}}"),
  ),
  "broken.json": flow("incomingMessage", "beam", widget("beam", "teleport", { done: undefined })),
};

let serial = 0;
/** Writes a scenario file beside the flows and runs it, as `studiokit test` would. */
async function runYaml(yaml: string, coverage = false): Promise<TestRunResult> {
  const file = path.join(dir, `case${++serial}.scenarios.yaml`);
  fs.writeFileSync(file, yaml);
  return runScenarioFiles([{ file: `case${serial}.scenarios.yaml`, path: file }], {
    coverage,
    loadFlow: async (flowFile) => {
      const definition = flows[path.relative(dir, flowFile)];
      if (!definition) throw new Error(`no such file`);
      return definition;
    },
  });
}

const reports = (run: TestRunResult) =>
  run.results
    .filter((r) => !r.passed)
    .map(formatFailure)
    .join("\n");

const bots = (name: string, ...steps: string[]) =>
  [
    `  - name: ${name}`,
    `    trigger: { event: incomingConversationMessage, from: "+15558675310", to: "+15017122661", body: "hi" }`,
    `    steps:`,
    ...steps.map((s) => `      - ${s}`),
  ].join("\n");

describe("engine/scenario files: running and reporting", () => {
  it("reports the scenario, the step and its line, what was expected and the transcript so far", async () => {
    const run = await runYaml(
      [
        "flow: ./bots.json",
        "scenarios:",
        bots(
          "a yes gets a robot",
          'expect: { send: "Hi, do you like bots?" }',
          'reply: "nah"',
          'expect: { send: "🤖" }',
        ),
        bots("it asks first", "expect: { send: { contains: cats } }"),
        bots("nothing more", "expect: { send: { matches: '^Hi' } }", 'expect: { send: "more" }'),
        bots("where it waits", "expect: { widget: split_1 }"),
        bots("ended too early", "wait: 3600", "expect: { ended: false }"),
        bots("not ended", "expect: { ended: true }"),
        bots(
          "passes",
          "expect: { send: { contains: bots } }",
          "reply: Yes",
          "expect: { send: 🤖, ended: true }",
        ),
        bots("messages are read in order", "reply: Yes", "expect: { send: 🤖 }"),
      ].join("\n"),
    );
    expect({ passed: run.passed, failed: run.failed }).toEqual({ passed: 1, failed: 7 });
    expect(reports(run)).toBe(
      [
        "FAIL case1.scenarios.yaml › a yes gets a robot",
        '  step 3 (line 8): expect: { send: "🤖" }',
        '    expected: the flow to send "🤖"',
        '    actual:   send_message_1 sent "👻"',
        "  transcript so far:",
        '    send_and_reply_1 sent "Hi, do you like bots?"',
        '    contact replied "nah"',
        '    send_message_1 sent "👻"',
        "    (ended)",
        "",
        "FAIL case1.scenarios.yaml › it asks first",
        '  step 1 (line 12): expect: { send: { contains: "cats" } }',
        '    expected: the flow to send text containing "cats"',
        '    actual:   send_and_reply_1 sent "Hi, do you like bots?"',
        "  transcript so far:",
        '    send_and_reply_1 sent "Hi, do you like bots?"',
        "    (waiting at send_and_reply_1)",
        "",
        "FAIL case1.scenarios.yaml › nothing more",
        '  step 2 (line 17): expect: { send: "more" }',
        '    expected: the flow to send "more"',
        "    actual:   nothing more was sent; waiting at send_and_reply_1",
        "  transcript so far:",
        '    send_and_reply_1 sent "Hi, do you like bots?"',
        "    (waiting at send_and_reply_1)",
        "",
        "FAIL case1.scenarios.yaml › where it waits",
        '  step 1 (line 21): expect: { widget: "split_1" }',
        "    expected: waiting at split_1",
        "    actual:   waiting at send_and_reply_1",
        "  transcript so far:",
        '    send_and_reply_1 sent "Hi, do you like bots?"',
        "    (waiting at send_and_reply_1)",
        "",
        "FAIL case1.scenarios.yaml › ended too early",
        "  step 2 (line 26): expect: { ended: false }",
        "    expected: not ended",
        "    actual:   ended",
        "  transcript so far:",
        '    send_and_reply_1 sent "Hi, do you like bots?"',
        "    3600 s passed",
        "    (ended)",
        "",
        "FAIL case1.scenarios.yaml › not ended",
        "  step 1 (line 30): expect: { ended: true }",
        "    expected: ended",
        "    actual:   waiting at send_and_reply_1",
        "  transcript so far:",
        '    send_and_reply_1 sent "Hi, do you like bots?"',
        "    (waiting at send_and_reply_1)",
        "",
        "FAIL case1.scenarios.yaml › messages are read in order",
        '  step 2 (line 41): expect: { send: "🤖" }',
        '    expected: the flow to send "🤖"',
        '    actual:   send_and_reply_1 sent "Hi, do you like bots?"',
        "  transcript so far:",
        '    send_and_reply_1 sent "Hi, do you like bots?"',
        '    contact replied "Yes"',
        '    send_message_2 sent "🤖"',
        "    (ended)",
        "",
      ].join("\n"),
    );
    expect(run.results.map((r) => r.passed)).toEqual([false, false, false, false, false, false, true, false]);
  });

  it("drives a call with press, speak, wait and hangup, and checks what it said", async () => {
    const call = (name: string, ...steps: string[]) =>
      [
        `  - name: ${name}`,
        `    trigger: { event: incomingCall, from: "+15558675310", to: "+15017122661" }`,
        `    steps:`,
        ...steps.map((s) => `      - ${s}`),
      ].join("\n");
    const run = await runYaml(
      [
        "flow: ./ivr.json",
        "scenarios:",
        call(
          "press",
          'expect: { say: "Press 1 or say sales", widget: menu }',
          'press: "1"',
          'expect: { say: "You pressed 1" }',
          'expect: { say: "Anything else?", widget: hold }',
          "hangup: true",
          "expect: { ended: true }",
        ),
        call(
          "speak",
          'speak: "sales"',
          'expect: { say: "Press 1 or say sales" }',
          'expect: { say: "You said sales" }',
        ),
        call(
          "silence",
          "wait: 5",
          "expect: { say: { contains: Press } }",
          'expect: { say: "Goodbye", ended: true }',
        ),
        call(
          "wrong words",
          'press: "2"',
          'expect: { say: "Press 1 or say sales" }',
          'expect: { say: "You pressed 1" }',
        ),
      ].join("\n"),
    );
    expect(reports(run)).toBe(
      [
        "FAIL case2.scenarios.yaml › wrong words",
        '  step 3 (line 29): expect: { say: "You pressed 1" }',
        '    expected: the flow to say "You pressed 1"',
        '    actual:   pressed said "You pressed 2"',
        "  transcript so far:",
        '    menu said "Press 1 or say sales"',
        '    caller pressed "2"',
        '    pressed said "You pressed 2"',
        '    hold said "Anything else?"',
        "    (waiting at hold)",
        "",
      ].join("\n"),
    );
    expect({ passed: run.passed, failed: run.failed }).toEqual({ passed: 3, failed: 1 });
  });

  it("starts REST executions with parameters, mocks HTTP, and checks flow.variables", async () => {
    const request = (name: string, mocks: string, ...steps: string[]) =>
      [
        `  - name: ${name}`,
        `    trigger: { event: incomingRequest, from: "+15017122661", to: "+15558675310", parameters: { name: Ada, order: 42 } }`,
        ...(mocks ? [`    mocks: ${mocks}`] : []),
        `    steps:`,
        ...steps.map((s) => `      - ${s}`),
      ].join("\n");
    const mock =
      "{ http: [{ url: 'https://api.example.com/orders/*', status: 200, body: { state: shipped } }] }";
    const run = await runYaml(
      [
        "flow: ./api.json",
        "scenarios:",
        request(
          "shipped",
          mock,
          'expect: { send: "Ada, your order is shipped", variables: { name: Ada, visits: 3 } }',
        ),
        request(
          "unmocked",
          "",
          'expect: { send: "Sorry Ada" }',
          "expect: { variables: { visits: '3', city: Paris } }",
        ),
      ].join("\n"),
    );
    expect(reports(run)).toBe(
      [
        "FAIL case3.scenarios.yaml › unmocked",
        '  step 2 (line 12): expect: { variables: { visits: "3", city: "Paris" } }',
        '    expected: flow.variables { visits: "3", city: "Paris" }',
        "    actual:   flow.variables { visits: 3 }; city not set",
        "  transcript so far:",
        '    warning 81014 at lookup: widget "lookup": no mock for GET https://api.example.com/orders/42; add one under mocks.http',
        "    lookup GET https://api.example.com/orders/42",
        '    sorry sent "Sorry Ada"',
        "    (ended)",
        "",
      ].join("\n"),
    );
  });

  it("fails a scenario the engine cannot run, at the step where it stopped", async () => {
    const run = await runYaml(
      [
        "flow: ./broken.json",
        "scenarios:",
        "  - name: beam me up",
        '    trigger: { event: incomingMessage, from: "+15558675310", to: "+15017122661", body: "hi" }',
        "    steps:",
        "      - expect: { ended: true }",
        "  - name: bad address",
        '    trigger: { event: incomingMessage, from: "", to: "+15017122661" }',
        "    steps: []",
      ].join("\n"),
    );
    expect(reports(run)).toBe(
      [
        "FAIL case4.scenarios.yaml › beam me up",
        '  trigger (line 4): { event: "incomingMessage", from: "+15558675310", to: "+15017122661", body: "hi" }',
        "    expected: the flow to run",
        `    actual:   ended with an error: widget "beam" has type "teleport", which studiokit's engine cannot simulate`,
        "  transcript so far:",
        `    error at beam: widget "beam" has type "teleport", which studiokit's engine cannot simulate`,
        `    (ended with an error: widget "beam" has type "teleport", which studiokit's engine cannot simulate)`,
        "",
        "FAIL case4.scenarios.yaml › bad address",
        '  trigger (line 8): { event: "incomingMessage", from: "", to: "+15017122661" }',
        "    expected: the execution to start",
        "    actual:   trigger.from: Too small: expected string to have >=1 characters",
        "  transcript so far:",
        "",
      ].join("\n"),
    );
  });

  it("names the scenario file and the flow: line when the flow cannot be loaded", async () => {
    const attempt = runYaml(
      ["# header", "flow: ./missing.json", "scenarios:", bots("x", "reply: hi")].join("\n"),
    );
    await expect(attempt).rejects.toThrow(ScenarioFileError);
    await expect(attempt).rejects.toThrow(
      new ScenarioFileError("case5.scenarios.yaml", 2, "flow: ./missing.json: no such file"),
    );
    await expect(runYaml("flow: ./bots.json\nscenarios: [")).rejects.toThrow(
      "case6.scenarios.yaml:2: bad YAML: unexpected end of the stream within a flow collection",
    );
  });

  it("loads each flow once per run", async () => {
    const files = ["a", "b"].map((n) => {
      const file = path.join(dir, `${n}.scenarios.yaml`);
      fs.writeFileSync(
        file,
        ["flow: ./bots.json", "scenarios:", bots(n, "reply: Yes", "expect: { ended: true }")].join("\n"),
      );
      return { file: `${n}.scenarios.yaml`, path: file };
    });
    const loaded: string[] = [];
    const run = await runScenarioFiles(files, {
      loadFlow: async (file) => {
        loaded.push(path.relative(dir, file));
        return seed.value;
      },
    });
    expect(loaded).toEqual(["bots.json"]);
    expect(run).toEqual({
      passed: 2,
      failed: 0,
      results: [
        { file: "a.scenarios.yaml", scenario: "a", passed: true },
        { file: "b.scenarios.yaml", scenario: "b", passed: true },
      ],
      coverage: [],
    });
  });
});
