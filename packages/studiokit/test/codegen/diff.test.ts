import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffDefinitions, diffMarkdown, flowDiffMarkdown } from "../../src/codegen";
import { type FlowDefinition, type State } from "../../src/definition";
import { reordered } from "../providers/harness/variants";
import { seedFlowPath } from "../support/fixtures";

const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as FlowDefinition;
const fixture = (name: string) => read(path.join(__dirname, "fixtures", name));
const tutorial = read(seedFlowPath);

const message = (name: string, body: string, next?: string): State => ({
  name,
  type: "send-message",
  transitions: [{ event: "sent", ...(next ? { next } : {}) }, { event: "failed" }],
  properties: { body, offset: { x: 0, y: 0 } },
});

describe("diffDefinitions", () => {
  it("reports a crafted change set widget by widget", () => {
    expect(
      diffMarkdown(diffDefinitions(fixture("tutorial-before.json"), fixture("tutorial-changed.json"))),
    ).toBe(fs.readFileSync(path.join(__dirname, "fixtures", "tutorial-changed.diff.md"), "utf8"));
  });

  it("sees no change in a reordered, reformatted copy", () => {
    const copy = JSON.parse(JSON.stringify(reordered(tutorial), null, 7)) as FlowDefinition;
    expect(JSON.stringify(copy)).not.toBe(JSON.stringify(tutorial));
    expect(diffMarkdown(diffDefinitions(tutorial, copy))).toBe(
      "No changes (formatting and widget order aside).\n",
    );
  });

  it("follows a rename through Liquid references, a self-loop and the initial state", () => {
    const before: FlowDefinition = {
      initial_state: "Trigger",
      states: [
        {
          name: "Trigger",
          type: "trigger",
          transitions: [{ event: "incomingMessage", next: "ask" }],
          properties: {},
        },
        {
          name: "ask",
          type: "send-and-wait-for-reply",
          transitions: [
            { event: "incomingMessage", next: "thanks" },
            { event: "timeout", next: "ask" },
          ],
          properties: { body: "Name?", timeout: "60", offset: { x: 1, y: 2 } },
        },
        message("thanks", "Thanks {{widgets.ask.inbound.Body}}, not {{widgets.asked.x}}"),
      ],
    };
    const after: FlowDefinition = {
      initial_state: "Start",
      states: [
        {
          name: "Start",
          type: "trigger",
          transitions: [{ event: "incomingMessage", next: "ask_name" }],
          properties: {},
        },
        {
          name: "ask_name",
          type: "send-and-wait-for-reply",
          transitions: [
            { event: "incomingMessage", next: "thanks" },
            { event: "timeout", next: "ask_name" },
          ],
          properties: { body: "Name?", timeout: "60", offset: { x: 5, y: 2 } },
        },
        message("thanks", "Thanks {{widgets.ask_name.inbound.Body}}, not {{widgets.asked.x}}"),
      ],
    };
    expect(diffDefinitions(before, after)).toEqual({
      added: [],
      removed: [],
      renamed: [
        { from: "Trigger", to: "Start", type: "trigger" },
        { from: "ask", to: "ask_name", type: "send-and-wait-for-reply" },
      ],
      changed: [],
      moved: [{ name: "ask_name", before: { x: 1, y: 2 }, after: { x: 5, y: 2 } }],
      flow: [],
    });
  });

  it("reports flow settings, a type change, added and dropped properties and transitions, match order", () => {
    const split = (order: "ab" | "ba"): State => {
      const a = {
        event: "match",
        next: "a",
        conditions: [{ friendly_name: "a", arguments: ["{{x}}"], type: "equal_to" as const, value: "a" }],
      };
      const b = {
        event: "match",
        next: "b",
        conditions: [{ friendly_name: "b", arguments: ["{{x}}"], type: "is_blank" as const }],
      };
      return {
        name: "split",
        type: "split-based-on",
        transitions: order === "ab" ? [a, b] : [b, a],
        properties: { input: "{{x}}" },
      };
    };
    const before: FlowDefinition = {
      description: "v1",
      initial_state: "Trigger",
      flags: { allow_concurrent_calls: true },
      states: [
        {
          name: "Trigger",
          type: "trigger",
          transitions: [{ event: "incomingMessage", next: "split" }],
          properties: {},
        },
        split("ab"),
        message("a", "A | pipe `tick`"),
        { ...message("b", "B"), transitions: [{ event: "sent" }] },
      ],
    };
    const after: FlowDefinition = {
      description: "v2",
      initial_state: "Trigger",
      flags: { allow_concurrent_calls: false },
      states: [
        before.states[0]!,
        split("ba"),
        {
          ...message("a", "A | pipe `tick`"),
          properties: { media_url: "https://x.test/a.png", offset: { x: 0, y: 0 } },
        },
        {
          name: "b",
          type: "say-play",
          transitions: [{ event: "audioComplete" }],
          properties: { say: "B", offset: { x: 0, y: 0 } },
        },
      ],
    };
    expect(flowDiffMarkdown(before, after)).toBe(`**Widgets:** 3 changed · flow settings changed

### Flow

| key | before | after |
| --- | --- | --- |
| \`description\` | \`v1\` | \`v2\` |
| \`flags\` | \`{"allow_concurrent_calls":true}\` | \`{"allow_concurrent_calls":false}\` |

### Changed

#### \`a\` (send-message)

| property | before | after |
| --- | --- | --- |
| \`body\` | \`\` A \\| pipe \`tick\` \`\` | (none) |
| \`media_url\` | (none) | \`https://x.test/a.png\` |

#### \`b\` (say-play)

Type: send-message → say-play

| property | before | after |
| --- | --- | --- |
| \`body\` | \`B\` | (none) |
| \`say\` | (none) | \`B\` |

| transition | before | after |
| --- | --- | --- |
| \`sent\` | (end) | (not listed) |
| \`audioComplete\` | (not listed) | (end) |

#### \`split\` (split-based-on)

| transition | before | after |
| --- | --- | --- |
| \`match order\` | \`match: equal_to a; match: is_blank\` | \`match: is_blank; match: equal_to a\` |
`);
  });
});
