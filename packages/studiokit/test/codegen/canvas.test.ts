import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { flowCanvas } from "../../src/codegen";
import { type FlowDefinition } from "../../src/definition";
import { seedFlowPath } from "../support/fixtures";

const seed = JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as FlowDefinition;

describe("flowCanvas", () => {
  it("puts every card where the console put it, moved to start at (0, 0), with every wired transition", () => {
    const canvas = flowCanvas(seed);
    const offsets = new Map(
      seed.states.map((s) => [s.name, (s.properties as { offset: { x: number; y: number } }).offset]),
    );
    const minX = Math.min(...[...offsets.values()].map((o) => o.x));
    const minY = Math.min(...[...offsets.values()].map((o) => o.y));
    expect(canvas.nodes.map((n) => [n.name, n.x, n.y])).toEqual(
      seed.states.map((s) => [
        s.name,
        offsets.get(s.name)!.x - Math.min(0, minX),
        offsets.get(s.name)!.y - Math.min(0, minY),
      ]),
    );
    expect(canvas.nodes.find((n) => n.name === "send_message_2")).toMatchObject({
      type: "send-message",
      detail: "“🤖”",
    });
    expect(canvas.edges.map((e) => `${e.from} ${e.event}#${e.index} → ${e.to}: ${e.label}`)).toEqual([
      "Trigger incomingConversationMessage#2 → send_and_reply_1: incomingConversationMessage",
      "send_and_reply_1 incomingMessage#0 → split_1: incomingMessage",
      "split_1 noMatch#0 → send_message_1: noMatch",
      "split_1 match#1 → send_message_2: match: matches_any_of yes,Yes",
      "split_1 match#2 → send_message_3: match: matches_any_of no,No",
    ]);
  });

  it("lays cards out by distance from the trigger when the offsets overlap or are missing", () => {
    const stacked = {
      ...seed,
      states: seed.states.map((s) => ({ ...s, properties: { ...s.properties, offset: { x: 0, y: 0 } } })),
    } as FlowDefinition;
    const rows = new Map(flowCanvas(stacked).nodes.map((n) => [n.name, n.y]));
    expect([rows.get("Trigger"), rows.get("send_and_reply_1"), rows.get("split_1")]).toEqual([0, 142, 284]);
    expect(new Set(["send_message_1", "send_message_2", "send_message_3"].map((n) => rows.get(n)))).toEqual(
      new Set([426]),
    );
    const positions = flowCanvas(stacked).nodes.map((n) => `${n.x},${n.y}`);
    expect(new Set(positions).size).toBe(positions.length);
  });
});
