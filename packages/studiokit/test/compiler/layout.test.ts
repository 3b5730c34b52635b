import { describe, expect, it } from "vitest";
import { flow, sendMessage, sendAndWaitForReply } from "../../src/builder";
import { compile, compileToJson } from "../../src/compiler";
import { generateFlow } from "../../bench/generate-flow";

type Placed = { name: string; x: number; y: number };

function placed(definition: ReturnType<typeof compile>): Placed[] {
  return definition.states.map((s) => {
    const { x, y } = s.properties["offset"] as { x: number; y: number };
    return { name: s.name, x, y };
  });
}

/** Pairs of widgets whose boxes (280×200, Studio's widget size) overlap. */
function overlaps(list: Placed[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      if (Math.abs(a.x - b.x) < 280 && Math.abs(a.y - b.y) < 200) out.push(`${a.name}/${b.name}`);
    }
  return out;
}

describe("canvas layout", () => {
  it("places no two widgets of a 400-state generated flow on top of each other", () => {
    const definition = compile(generateFlow(400));
    expect(definition.states).toHaveLength(400);
    expect(overlaps(placed(definition))).toEqual([]);
  });

  it("is deterministic: byte-identical JSON for the same generated flow built twice", () => {
    expect(compileToJson(generateFlow(200))).toBe(compileToJson(generateFlow(200)));
  });

  it("keeps author offsets and moves automatic widgets off them", () => {
    const ask = sendAndWaitForReply("ask", { body: "?", offset: { x: 0, y: 240 } });
    const pinned = sendMessage("pinned", { body: "here", offset: { x: -320, y: 480 } });
    const a = sendMessage("a", { body: "a" });
    const b = sendMessage("b", { body: "b" });
    ask.on("incomingMessage", a).on("timeout", b).on("deliveryFailure", pinned);
    const list = placed(compile(flow({ on: { incomingMessage: ask }, trigger: { offset: { x: 0, y: 0 } } })));
    expect(list).toEqual([
      { name: "Trigger", x: 0, y: 0 },
      { name: "a", x: 0, y: 480 },
      { name: "ask", x: 0, y: 240 },
      { name: "b", x: 320, y: 480 },
      { name: "pinned", x: -320, y: 480 },
    ]);
    expect(overlaps(list)).toEqual([]);
  });

  it("shifts an automatic widget right when an author offset takes its place", () => {
    const ask = sendAndWaitForReply("ask", { body: "?" });
    const pinned = sendMessage("pinned", { body: "here", offset: { x: 10, y: 500 } });
    ask.on("incomingMessage", sendMessage("auto", { body: "auto" })).on("timeout", pinned);
    const list = placed(compile(flow({ on: { incomingMessage: ask } })));
    expect(list).toEqual([
      { name: "Trigger", x: 0, y: 0 },
      { name: "ask", x: 0, y: 240 },
      { name: "auto", x: 480, y: 480 },
      { name: "pinned", x: 10, y: 500 },
    ]);
    expect(overlaps(list)).toEqual([]);
  });
});
