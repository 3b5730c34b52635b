import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../src/validator";
import { definition, sendMessage, trigger, type TestState } from "./flows";

/**
 * Whether a state fits its schema is asked of zod's interpreter for the first questions and of
 * zod's compiled check after (src/validator/fits.ts, 64 questions per schema). A flow long enough
 * to cross that point must get the same answer for a widget before it as for one after it.
 */
describe("schema checks before and after they are compiled", () => {
  const count = 300;
  const names = Array.from({ length: count }, (_, i) => `say_${i + 1}`);

  /** The errors of a flow of `count` Send Message widgets, two of them (states[early], states[late]) broken. */
  function errors(early: number, late: number, broken: (state: TestState) => unknown) {
    const states = names.map((name, i) => {
      const state = sendMessage(name, "Hello", names[i + 1]);
      return i + 1 === early || i + 1 === late ? broken(state) : state;
    });
    const issues = validateDefinition(definition(trigger(names[0]), ...(states as TestState[]))).filter(
      (issue) => issue.severity === "error",
    );
    const at = (index: number) =>
      issues
        .filter((issue) => issue.path.startsWith(`states[${index}].`))
        .map(({ code, path, message }) => ({
          code,
          path: path.replace(`states[${index}]`, "states[i]"),
          message,
        }));
    const indices = new Set(issues.map((issue) => /^states\[(\d+)\]/.exec(issue.path)?.[1]));
    return { early: at(early), late: at(late), indices };
  }

  it.each([
    [
      "a body that is not a string (the widget type's schema)",
      (s: TestState) => ({ ...s, properties: { ...s.properties, body: 42 } }),
    ],
    ["transitions that are not a list (the state schema)", (s: TestState) => ({ ...s, transitions: "none" })],
  ])("reports %s the same way early and late in the flow", (_, broken) => {
    const { early, late, indices } = errors(5, 250, broken);
    expect(early).toHaveLength(1);
    expect(late).toEqual(early);
    // Every other widget fits, before and after.
    expect(indices).toEqual(new Set(["5", "250"]));
  });
});
