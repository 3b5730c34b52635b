import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../src/validator";
import { definition, sendMessage, trigger, type TestState } from "./flows";

/**
 * Widget names are resolved through the validator's own name index (flat typed arrays, not a
 * Map): on thousands of names with namesakes, non-ASCII names and near misses, it must find
 * exactly what a Map from each name to its first state finds.
 */
describe("names across thousands of widgets", () => {
  const count = 3000;
  const nameOf = (i: number) => {
    if (i % 5 === 4) return `w_${Math.floor(i / 2)}`; // often a namesake of an earlier widget
    return i % 3 === 0 ? `wídget_${i}_✓` : `w_${i}`;
  };
  const names = Array.from({ length: count }, (_, i) => nameOf(i + 1));
  // Names no widget has, close to ones that exist.
  const misses = ["w_3001", "w_", "W_1", "w_1 ", "w_01", "wídget_3", ""];
  const states: TestState[] = names.map((name, i) => {
    const miss = misses[i % 400 === 7 ? (i / 400) | 0 : -1];
    const next = miss ?? names[i + 1];
    const read = miss ?? names[(i * 7) % count];
    return sendMessage(name, `{{widgets["${read}"].body}}`, next);
  });
  const flow = definition(trigger(names[0]), ...states);

  it("reports every namesake against its first widget and every name that no widget has", () => {
    const first = new Map<string, number>();
    const expected: Array<[code: string, path: string]> = [];
    states.forEach((state, i) => {
      const index = i + 1;
      const earlier = first.get(state.name);
      if (earlier === undefined) first.set(state.name, index);
      else expected.push(["duplicate-name", `states[${index}].name`]);
      const next = state.transitions[0]!.next;
      if (next !== undefined && next !== "" && !names.includes(next))
        expected.push(["missing-target", `states[${index}].transitions[0].next`]);
      const read = /\{\{widgets\["(.*)"\]\.body\}\}/.exec(String(state.properties.body))![1]!;
      if (!names.includes(read))
        expected.push(["unknown-widget-reference", `states[${index}].properties.body`]);
    });
    const found = validateDefinition(flow)
      .filter((issue) =>
        ["duplicate-name", "missing-target", "unknown-widget-reference"].includes(issue.code),
      )
      .map((issue) => [issue.code, issue.path]);
    expect(found).toEqual(expected);
    expect(expected.filter(([code]) => code === "missing-target")).toHaveLength(misses.length - 1);
    expect(expected.filter(([code]) => code === "duplicate-name").length).toBeGreaterThan(100);
  });

  it("names the first widget of a name in a namesake's message", () => {
    const issues = validateDefinition(flow).filter((issue) => issue.code === "duplicate-name");
    const first = new Map<string, number>();
    states.forEach((state, i) => first.has(state.name) || first.set(state.name, i + 1));
    for (const issue of issues)
      expect(issue.message).toBe(
        `"${issue.widget}" is also the name of states[${first.get(issue.widget!)}]; widget names must be unique, rename one of them`,
      );
  });
});
