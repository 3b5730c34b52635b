import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { type FlowDefinition } from "../../src/definition";
import { flow, widget } from "../engine/helpers";
import { seedFlowPath } from "../support/fixtures";
import {
  builderPath,
  callTrigger,
  contact,
  reports,
  scenarioProject,
  smsTrigger,
  twilio,
} from "./scenario-project";

const sub = "FW00000000000000000000000000000001";
const conversation = `{ event: incomingConversationMessage, from: "${contact}", to: "${twilio}", body: "hi" }`;

/** Asks for the contact's age in a Subflow, then thanks them with what the Subflow returned. */
const parent = flow(
  "incomingMessage",
  "ask_age",
  widget(
    "ask_age",
    "run-subflow",
    { completed: "thanks", failed: "sorry" },
    {
      flow_sid: sub,
      flow_revision: "LatestPublished",
      parameters: [
        { key: "greeting", value: "Hi {{trigger.message.Body}}" },
        { key: "limit", value: "3" },
      ],
    },
  ),
  widget(
    "thanks",
    "send-message",
    { sent: undefined, failed: undefined },
    { body: "Age {{widgets.ask_age.age}} ({{widgets.ask_age.kind}})" },
  ),
  widget("sorry", "send-message", { sent: undefined, failed: undefined }, { body: "No age" }),
);
const child: FlowDefinition = {
  initial_state: "Trigger",
  states: [
    widget("Trigger", "trigger", { incomingParent: "age" }),
    widget(
      "age",
      "send-and-wait-for-reply",
      { incomingMessage: "keep", timeout: undefined, deliveryFailure: undefined },
      {
        from: "{{flow.channel.address}}",
        body: "{{trigger.parent.parameters.greeting}}, your age? ({{trigger.message.From}})",
        timeout: "60",
      },
    ),
    widget(
      "keep",
      "set-variables",
      { next: undefined },
      {
        variables: [
          { key: "age", value: "{{widgets.age.inbound.Body}}" },
          {
            key: "kind",
            value: "{% if trigger.parent.parameters.limit == '3' %}text{% else %}number{% endif %}",
          },
        ],
      },
    ),
  ],
};

const project = scenarioProject({
  "bots.json": fs.readFileSync(seedFlowPath, "utf8"),
  "parent.json": parent,
  "child.json": child,
  "child.ts": [
    `import { flow, sendAndWaitForReply, setVariables, trigger } from ${builderPath};`,
    'const age = sendAndWaitForReply("age", { body: `${trigger.parent.parameters.at("greeting")}, your age?`, timeout: 60 });',
    'age.on("incomingMessage", setVariables("keep", { variables: [{ key: "age", value: `${age.inbound.Body}` }, { key: "kind", value: "module" }] }));',
    "export default flow({ on: { incomingParent: age } });",
  ].join("\n"),
});
const yaml = (name: string, lines: string[]) => {
  project.write(name, lines.join("\n"));
  return name;
};

describe("scenario files: several executions", () => {
  it("starts a new execution from the trigger when the contact writes after the end", async () => {
    const run = await project.run(
      yaml("again.scenarios.yaml", [
        "flow: ./bots.json",
        "strict: true",
        "scenarios:",
        "  - name: a second conversation",
        `    trigger: ${conversation}`,
        "    steps:",
        "      - expect: { send: 'Hi, do you like bots?', execution: 1 }",
        "      - reply: yes",
        "      - expect: { send: 🤖, ended: true }",
        "      - reply: hello again",
        "      - expect: { send: 'Hi, do you like bots?', execution: 2, widget: send_and_reply_1 }",
        "      - reply: no",
        "      - expect: { send: 👽, ended: true, execution: 2 }",
        "  - name: says which execution runs",
        `    trigger: ${conversation}`,
        "    steps:",
        "      - reply: yes",
        "      - reply: hi",
        "      - expect: { execution: 1 }",
      ]),
    );
    expect(run.results.map((r) => r.passed)).toEqual([true, false]);
    expect(reports(run)).toBe(
      [
        "FAIL again.scenarios.yaml › says which execution runs",
        "  step 3 (line 19): expect: { execution: 1 }",
        "    expected: execution 1",
        "    actual:   execution 2, waiting at send_and_reply_1",
        "  transcript so far:",
        '    send_and_reply_1 sent "Hi, do you like bots?"',
        '    contact replied "yes"',
        '    send_message_2 sent "🤖"',
        '    contact replied "hi"',
        '    send_and_reply_1 sent "Hi, do you like bots?"',
        "    (waiting at send_and_reply_1)",
        "",
      ].join("\n"),
    );
    // Coverage counts both executions.
    expect(run.coverage[0]).toMatchObject({ flow: "bots.json", executions: 4 });
  });

  it("after 30 days of waiting the execution has ended, and a reply starts the next one", async () => {
    const patient = flow(
      "incomingMessage",
      "ask",
      widget(
        "ask",
        "send-and-wait-for-reply",
        { incomingMessage: "thanks", timeout: "late", deliveryFailure: undefined },
        { from: twilio, body: "Write back {{trigger.message.Body}}", timeout: String(40 * 24 * 3600) },
      ),
      widget("thanks", "send-message", { sent: undefined, failed: undefined }, { body: "Thanks" }),
      widget("late", "send-message", { sent: undefined, failed: undefined }, { body: "Too late" }),
    );
    project.write("patient.json", JSON.stringify(patient));
    const run = await project.run(
      yaml("expired.scenarios.yaml", [
        "flow: ./patient.json",
        "strict: true",
        "scenarios:",
        "  - name: comes back a month later",
        `    trigger: ${smsTrigger("soon")}`,
        "    steps:",
        "      - expect: { send: Write back soon, widget: ask }",
        "      - wait: 2591999",
        "      - expect: { widget: ask }",
        "      - wait: 1",
        "      - expect: { ended: true, execution: 1 }",
        "      - reply: sorry",
        "      - expect: { send: Write back sorry, execution: 2, widget: ask }",
        "  - name: says so",
        `    trigger: ${smsTrigger("soon")}`,
        "    steps: [{ wait: 2592000 }, { expect: { widget: ask } }]",
      ]),
    );
    expect(run.results.map((r) => [r.passed, r.failure?.actual])).toEqual([
      [true, undefined],
      [false, "ended after 30 days waiting at ask"],
    ]);
  });

  it("starts an incomingMessage execution when the contact writes after a call ended", async () => {
    const calls = flow(
      "incomingCall",
      "hello",
      widget("hello", "say-play", { audioComplete: undefined }, { say: "Hello" }),
    );
    calls.states[0]!.transitions.push({ event: "incomingMessage", next: "texted" });
    calls.states.push(
      widget(
        "texted",
        "send-message",
        { sent: undefined, failed: undefined },
        { body: "You wrote {{trigger.message.Body}} to {{trigger.message.To}}" },
      ),
    );
    project.write("calls.json", JSON.stringify(calls));
    const run = await project.run(
      yaml("calls.scenarios.yaml", [
        "flow: ./calls.json",
        "scenarios:",
        "  - name: a text after the call",
        `    trigger: ${callTrigger}`,
        "    steps:",
        "      - expect: { say: Hello, ended: true }",
        "      - reply: thanks",
        `      - expect: { send: You wrote thanks to ${twilio}, execution: 2 }`,
      ]),
    );
    expect(reports(run)).toBe("");
  });
});

describe("scenario files: real Subflows", () => {
  it("runs a Subflow's .json or .ts file: parameters in, variables out under widgets.NAME, coverage per file", async () => {
    const steps = [
      `    trigger: ${smsTrigger("Ada")}`,
      "    steps:",
      "      - expect: { widget: age }",
      "      - reply: '36'",
    ];
    const run = await project.run(
      yaml("sub-json.scenarios.yaml", [
        "flow: ./parent.json",
        `subflows: { ${sub}: ./child.json }`,
        "scenarios:",
        "  - name: json",
        ...steps,
        `      - expect: { send: 'Hi Ada, your age? (${contact})' }`,
        "      - expect: { send: Age 36 (text), ended: true }",
      ]),
      yaml("sub-ts.scenarios.yaml", [
        "flow: ./parent.json",
        `subflows: { ${sub}: ./child.ts }`,
        "scenarios:",
        "  - name: module",
        ...steps,
        "      - expect: { send: 'Hi Ada, your age?' }",
        "      - expect: { send: Age 36 (module), ended: true }",
      ]),
    );
    expect(reports(run)).toBe("");
    expect(run.coverage.map((c) => [c.flow, c.executions, c.widgets.reached, c.transitions.taken])).toEqual([
      ["parent.json", 2, 3, 2],
      ["child.json", 1, 3, 2],
      ["child.ts", 1, 3, 2],
    ]);
  });

  it("lets mocks.subflows stub a Subflow the file names, for one scenario", async () => {
    const run = await project.run(
      yaml("sub-mocked.scenarios.yaml", [
        "flow: ./parent.json",
        `subflows: { ${sub}: ./child.json }`,
        "scenarios:",
        "  - name: stubbed",
        `    trigger: ${smsTrigger("Ada")}`,
        `    mocks: { subflows: [{ flow_sid: ${sub}, variables: { age: 40, kind: stub } }] }`,
        "    steps: [{ expect: { send: Age 40 (stub), ended: true } }]",
        "  - name: failing",
        `    trigger: ${smsTrigger("Ada")}`,
        `    mocks: { subflows: [{ flow_sid: ${sub}, event: failed }] }`,
        "    steps: [{ expect: { send: No age } }]",
        "  - name: real",
        `    trigger: ${smsTrigger("Ada")}`,
        "    steps: [{ expect: { widget: age } }]",
      ]),
    );
    expect(reports(run)).toBe("");
  });

  it("refuses a subflows key that is not a flow SID, and names a Subflow file that does not load", async () => {
    project.write(
      "bad-sid.scenarios.yaml",
      `flow: ./parent.json\nsubflows: { FWnope: ./child.json }\nscenarios: [{ name: x, trigger: ${smsTrigger()}, steps: [] }]\n`,
    );
    await expect(project.run("bad-sid.scenarios.yaml")).rejects.toThrow(
      "bad-sid.scenarios.yaml:2: subflows.FWnope: a Studio Flow SID (FW and 32 hex digits)",
    );
    project.write(
      "gone.scenarios.yaml",
      `flow: ./parent.json\nsubflows:\n  ${sub}: ./gone.json\nscenarios: [{ name: x, trigger: ${smsTrigger()}, steps: [] }]\n`,
    );
    await expect(project.run("gone.scenarios.yaml")).rejects.toThrow(
      `gone.scenarios.yaml:3: subflows.${sub}: ./gone.json: `,
    );
  });
});
