import fs from "node:fs";
import { describe, expect, it } from "vitest";
import bots from "../fixtures/project/flows/do-you-like-bots";
import { compile, compileToJson } from "../../src/compiler";
import { seedFlowPath } from "../support/fixtures";

type Json = { states: Array<{ name: string; properties: Record<string, unknown> }> };

/** The definition with every widget's canvas offset removed and states by name. */
function withoutOffsets(definition: Json): Json {
  const states = definition.states
    .map((s) => {
      const { offset: _offset, ...properties } = s.properties;
      return { ...s, properties };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return { ...definition, states };
}

describe("flows/do-you-like-bots.ts", () => {
  const seed = JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as Json;

  it("compiles to the seed flow, offsets aside", () => {
    expect(withoutOffsets(compile(bots) as Json)).toEqual(withoutOffsets(seed));
  });

  it("uses the seed's widget names, in the order Studio exports them", () => {
    expect((compile(bots) as Json).states.map((s) => s.name)).toEqual(seed.states.map((s) => s.name));
  });

  it("gives byte-identical JSON on every compile", () => {
    expect(compileToJson(bots)).toBe(compileToJson(bots));
  });

  it("lays the tree out top-down, the split's branches left to right in transition order", () => {
    const offsets = Object.fromEntries(
      (compile(bots) as Json).states.map((s) => [s.name, s.properties["offset"]]),
    );
    expect(offsets).toEqual({
      Trigger: { x: 0, y: 0 },
      send_and_reply_1: { x: 0, y: 240 },
      split_1: { x: 0, y: 480 },
      send_message_1: { x: -320, y: 720 },
      send_message_2: { x: 0, y: 720 },
      send_message_3: { x: 320, y: 720 },
    });
  });
});
