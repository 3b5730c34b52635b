import { describe, expect, it } from "vitest";
import { conditionTypes, type ConditionType } from "../../src/definition";
import { evaluateCondition, predicates } from "../../src/engine";
import { flow, run, sms, twilio, widget } from "./helpers";

const warnings: string[] = [];
const warn = (_code: string, message: string) => void warnings.push(message);

// [type, subject, value, expected] — doc examples (docs/studio-behaviour.md §4) and the edges of
// each rule.
const table: [string, string, string, boolean][] = [
  ["equal_to", " Yes ", "yes", true],
  ["equal_to", "yes", "yes please", false],
  ["not_equal_to", "YES", "yes", false],
  ["not_equal_to", "no", "yes", true],
  ["matches_any_of", "YES", "yes,yeah,yup", true],
  ["matches_any_of", "yeah", "yes, Yeah , yup", true],
  ["matches_any_of", "ye", "yes,yeah", false],
  ["matches_any_of", "", "START, Start,", false],
  ["does_not_match_any_of", "nope", "yes,yeah", true],
  ["does_not_match_any_of", "Yup", "yes,yup", false],
  ["is_blank", "  \t", "", true],
  ["is_blank", " a ", "", false],
  ["is_not_blank", "a", "", true],
  ["is_not_blank", "   ", "", false],
  ["regex", "6", "[1-5]", false],
  ["regex", " 3 ", "[1-5]", true],
  ["regex", "ABC123", "[a-z]+\\d+", true],
  ["regex", "xabc", "abc", false],
  ["regex", "b", "a|b", true],
  ["regex", "ab", "a|b", false],
  ["regex", "anything", "(", false],
  ["contains", "aab", "aa", true],
  ["contains", "aab", "A", true],
  ["contains", "aab", "c", false],
  ["does_not_contain", "hello", "LL", false],
  ["does_not_contain", "hello", "z", true],
  ["starts_with", " Hoot", "hoo", true],
  ["starts_with", "shoot", "hoo", false],
  ["does_not_start_with", "Hoot", "HOO", false],
  ["does_not_start_with", "boot", "hoo", true],
  ["greater_than", "900", "1000", false],
  ["greater_than", "1000.5", "1000", true],
  ["greater_than", "abc", "1", false],
  ["less_than", " -2 ", "1", true],
  ["less_than", "10", "9", false],
  ["less_than", "", "9", false],
  ["is_before_time", "17:00", "16:35", false],
  ["is_before_time", "09:05", "16:35", true],
  ["is_before_time", "9:05", "16:35", false],
  ["is_after_time", "17:00", "16:35", true],
  ["is_after_time", "24:00", "16:35", false],
  ["is_before_date", "2017-09-04", "2019-08-12", true],
  ["is_before_date", "2019-8-12", "2020-01-01", false],
  ["is_after_date", "2019-08-12", "2017-09-04", true],
  ["is_after_date", "2017-09-04", "2017-09-04", false],
];

describe("engine/conditions", () => {
  it("covers all 17 condition types in the table", () => {
    expect(new Set(table.map(([type]) => type))).toEqual(new Set(conditionTypes));
    expect(Object.keys(predicates).sort()).toEqual([...conditionTypes].sort());
  });

  it.each(table)("%s: %j against %j is %s", (type, subject, value, expected) => {
    expect(evaluateCondition(type, subject, value, warn)).toBe(expected);
  });

  it("reports an invalid pattern and an unknown type instead of throwing", () => {
    warnings.length = 0;
    expect(evaluateCondition("regex", "a", "[", warn)).toBe(false);
    expect(evaluateCondition("sounds_like", "a", "a", warn)).toBe(false);
    expect(warnings).toEqual([
      "the pattern /[/ is not a valid regular expression, so it never matches",
      'unknown condition type "sounds_like" never matches',
    ]);
  });
});

const cond = (type: ConditionType, value: string, argument = "{{trigger.message.Body}}") => ({
  friendly_name: `If value ${type} ${value}`,
  arguments: [argument],
  type,
  value,
});
const say = (name: string, body: string) =>
  widget(name, "send-message", { sent: undefined, failed: undefined }, { from: twilio, body });

function split(
  transitions: { event: string; next?: string; conditions?: ReturnType<typeof cond>[] }[],
  input = "{{trigger.message.Body}}",
) {
  return flow(
    "incomingMessage",
    "split",
    { name: "split", type: "split-based-on", transitions, properties: { input } },
    say("a", "A"),
    say("b", "B"),
    say("none", "none"),
  );
}

async function branch(definition: ReturnType<typeof split>, body: string): Promise<string | undefined> {
  const e = await run(definition, sms(body));
  const entry = e.transcript.find((t) => t.kind === "send");
  return entry?.kind === "send" ? entry.body : undefined;
}

describe("engine/split-based-on", () => {
  it("takes the first matching transition in array order, else noMatch", async () => {
    const d = split([
      { event: "noMatch", next: "none" },
      { event: "match", next: "a", conditions: [cond("contains", "ab")] },
      { event: "match", next: "b", conditions: [cond("contains", "a")] },
    ]);
    expect(await branch(d, "xaby")).toBe("A");
    expect(await branch(d, "xay")).toBe("B");
    expect(await branch(d, "xyz")).toBe("none");
  });

  it("requires every condition of one transition to hold", async () => {
    const d = split([
      { event: "noMatch", next: "none" },
      { event: "match", next: "a", conditions: [cond("greater_than", "10"), cond("less_than", "20")] },
    ]);
    expect(await branch(d, "15")).toBe("A");
    expect(await branch(d, "25")).toBe("none");
  });

  it("renders the condition value and tests arguments[0] before the input", async () => {
    const d = split(
      [
        { event: "noMatch", next: "none" },
        {
          event: "match",
          next: "a",
          conditions: [cond("equal_to", "{{trigger.message.To}}", "{{trigger.message.Body}}")],
        },
      ],
      "{{trigger.message.From}}",
    );
    expect(await branch(d, twilio)).toBe("A");
    expect(await branch(d, "other")).toBe("none");
  });

  it("falls back to the input when a condition has no arguments", async () => {
    const d = split([
      { event: "noMatch", next: "none" },
      { event: "match", next: "b", conditions: [{ ...cond("starts_with", "hel"), arguments: [] }] },
    ]);
    expect(await branch(d, "Hello")).toBe("B");
  });

  it("ends when noMatch has no next", async () => {
    const d = split([
      { event: "noMatch" },
      { event: "match", next: "a", conditions: [cond("equal_to", "x")] },
    ]);
    const e = await run(d, sms("y"));
    expect(e.endReason).toEqual({ kind: "finished", widget: "split", event: "noMatch" });
    expect(e.steps.at(-1)).toMatchObject({ name: "noMatch", transitioned_to: "Ended", transition_index: 0 });
  });
});
