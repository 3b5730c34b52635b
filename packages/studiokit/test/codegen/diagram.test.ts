import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { flowDiagram } from "../../src/codegen";
import { parseFlowDefinition, type FlowDefinition, type State } from "../../src/definition";
import { legacyFlowFile, realFlows, seedFlowPath } from "../support/fixtures";

const tutorial = JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as FlowDefinition;

function chain(length: number): FlowDefinition {
  const states: State[] = [
    {
      name: "Trigger",
      type: "trigger",
      transitions: [{ event: "incomingMessage", next: "step_0" }],
      properties: {},
    },
  ];
  for (let i = 0; i < length; i += 1) {
    const next = i + 1 < length ? `step_${i + 1}` : undefined;
    states.push({
      name: `step_${i}`,
      type: i % 2 === 0 ? "send-message" : "set-variables",
      transitions: [{ event: i % 2 === 0 ? "sent" : "next", ...(next ? { next } : {}) }],
      properties: {},
    });
  }
  return { description: "chain", initial_state: "Trigger", states };
}

describe("flowDiagram", () => {
  it("draws the tutorial flow: widgets with name, type and text; events and split conditions on edges", () => {
    expect(flowDiagram(tutorial)).toEqual({
      kind: "mermaid",
      text: `flowchart TD
  Trigger(["Trigger<br/>trigger"])
  send_and_reply_1["send_and_reply_1<br/>send-and-wait-for-reply<br/>“Hi, do you like bots?”"]
  send_message_1["send_message_1<br/>send-message<br/>“👻”"]
  send_message_2["send_message_2<br/>send-message<br/>“🤖”"]
  send_message_3["send_message_3<br/>send-message<br/>“👽”"]
  split_1{"split_1<br/>split-based-on<br/>{{widgets.send_and_reply_1.inbound.Body}}"}
  Trigger -->|"incomingConversationMessage"| send_and_reply_1
  send_and_reply_1 -->|"incomingMessage"| split_1
  split_1 -->|"noMatch"| send_message_1
  split_1 -->|"match: matches_any_of yes,Yes"| send_message_2
  split_1 -->|"match: matches_any_of no,No"| send_message_3
`,
    });
  });

  it("escapes mermaid syntax in labels, renames unsafe node ids, and marks missing targets", () => {
    const flow: FlowDefinition = {
      initial_state: "Trigger",
      states: [
        {
          name: "Trigger",
          type: "trigger",
          transitions: [{ event: "incomingCall", next: "end" }],
          properties: {},
        },
        {
          name: "end",
          type: "say-play",
          transitions: [{ event: "audioComplete", next: "my-split" }],
          properties: { say: 'Say "hi" #1 <b>now</b> & `x`\nthen ${name}' },
        },
        {
          name: "my-split",
          type: "split-based-on",
          transitions: [
            { event: "noMatch", next: "nowhere" },
            {
              event: "match",
              next: "end",
              conditions: [{ friendly_name: "r", arguments: ["{{x}}"], type: "regex", value: '^"(a|b)"$' }],
            },
          ],
          properties: { input: "{{trigger.call.Digits}}" },
        },
      ],
    };
    expect(flowDiagram(flow).text).toBe(`flowchart TD
  Trigger(["Trigger<br/>trigger"])
  w_end["end<br/>say-play<br/>“Say #34;hi#34; #35;1 #60;b#62;now#60;/b#62; #38; #96;x#96; then \${nam…”"]
  w_my_split{"my-split<br/>split-based-on<br/>{{trigger.call.Digits}}"}
  nowhere["nowhere<br/>(missing widget)"]
  Trigger -->|"incomingCall"| w_end
  w_end -->|"audioComplete"| w_my_split
  w_my_split -->|"noMatch"| nowhere
  w_my_split -->|"match: regex ^#34;(a|b)#34;$"| w_end
  classDef missing fill:#f6f8fa,stroke:#cf222e,color:#cf222e,stroke-dasharray:2 2
  class nowhere missing
`);
  });

  it("styles marked widgets and draws extra (removed) widgets with dotted edges", () => {
    const removed: State = {
      name: "old_greeting",
      type: "send-message",
      transitions: [{ event: "sent", next: "send_message_1" }],
      properties: { body: "Hello" },
    };
    const marks = new Map([
      ["send_message_2", "added"],
      ["split_1", "changed"],
      ["old_greeting", "removed"],
    ] as const);
    const text = flowDiagram(tutorial, { marks, ghosts: [removed] }).text;
    expect(text.split("\n").slice(7)).toEqual([
      `  old_greeting["old_greeting<br/>send-message<br/>“Hello”"]`,
      `  Trigger -->|"incomingConversationMessage"| send_and_reply_1`,
      `  send_and_reply_1 -->|"incomingMessage"| split_1`,
      `  split_1 -->|"noMatch"| send_message_1`,
      `  split_1 -->|"match: matches_any_of yes,Yes"| send_message_2`,
      `  split_1 -->|"match: matches_any_of no,No"| send_message_3`,
      `  old_greeting -.->|"sent"| send_message_1`,
      `  classDef added fill:#dafbe1,stroke:#1a7f37,color:#1f2328`,
      `  class send_message_2 added`,
      `  classDef changed fill:#fff8c5,stroke:#9a6700,color:#1f2328`,
      `  class split_1 changed`,
      `  classDef removed fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-dasharray:5 3`,
      `  class old_greeting removed`,
      ``,
    ]);
  });

  it("degrades to a summary beyond GitHub's 500 edges", () => {
    expect(flowDiagram(chain(501))).toEqual({
      kind: "summary",
      reason: "the flow has 501 wired transitions; GitHub draws at most 500 edges in a Mermaid diagram",
      text: `**No diagram:** the flow has 501 wired transitions; GitHub draws at most 500 edges in a Mermaid diagram. A summary instead:

| widget type | count |
| --- | ---: |
| send-message | 251 |
| set-variables | 250 |
| trigger | 1 |
| **all** | **502** |

Entry paths (each widget's first wired transition):

- \`incomingMessage\` → \`step_0\` (send-message) → \`step_1\` (set-variables) → \`step_2\` (send-message) → \`step_3\` (set-variables) → \`step_4\` (send-message) → \`step_5\` (set-variables) → …
`,
    });
    expect(flowDiagram(chain(499)).kind).toBe("mermaid");
  });

  it("degrades to a summary when the text is longer than the limit, naming the size", () => {
    const diagram = flowDiagram(tutorial, { limits: { maxTextSize: 600, maxEdges: 500 } });
    expect(diagram.kind).toBe("summary");
    expect(diagram.kind === "summary" && diagram.reason).toBe(
      "its Mermaid text would be 686 characters; GitHub renders at most 600",
    );
  });

  it("draws every real v2 flow with one node per widget and one edge per wired transition", () => {
    for (const fixture of realFlows().filter((f) => f.file !== legacyFlowFile)) {
      const parsed = parseFlowDefinition(fixture.json);
      if (!parsed.ok) throw new Error(fixture.file);
      const diagram = flowDiagram(parsed.value);
      const lines = diagram.text.split("\n");
      const wired = parsed.value.states.flatMap((s) => s.transitions).filter((t) => t.next);
      expect({
        file: fixture.file,
        kind: diagram.kind,
        edges: lines.filter((l) => l.includes("-->|")).length,
      }).toEqual({ file: fixture.file, kind: "mermaid", edges: wired.length });
      expect(lines.filter((l) => /^ {2}\w+(\[|\{|\(\[)"/.test(l)).length).toBeGreaterThanOrEqual(
        parsed.value.states.length,
      );
    }
  });
});
