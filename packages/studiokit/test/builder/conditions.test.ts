import { describe, expect, it } from "vitest";
import {
  contains,
  doesNotContain,
  doesNotMatchAnyOf,
  doesNotStartWith,
  end,
  equalTo,
  flow,
  flowContext,
  greaterThan,
  isAfterDate,
  isAfterTime,
  isBeforeDate,
  isBeforeTime,
  isBlank,
  isNotBlank,
  lessThan,
  matchesAnyOf,
  notEqualTo,
  regex,
  sendAndWaitForReply,
  sendMessage,
  splitBasedOn,
  startsWith,
  type SplitCondition,
} from "../../src/builder";
import { compile } from "../../src/compiler";

const input = "{{widgets.ask.inbound.Body}}";

/** [helper call, Studio's type, Studio's value] for all 17 condition types. */
const table: Array<[SplitCondition, string, string]> = [
  [equalTo("yes"), "equal_to", "yes"],
  [notEqualTo(3), "not_equal_to", "3"],
  [matchesAnyOf("yes", "Yes"), "matches_any_of", "yes,Yes"],
  [doesNotMatchAnyOf("no", "stop", 0), "does_not_match_any_of", "no,stop,0"],
  [isBlank(), "is_blank", "Is Blank"],
  [isNotBlank(), "is_not_blank", "Is Not Blank"],
  [regex("^[0-9]{5}$"), "regex", "^[0-9]{5}$"],
  [contains("help"), "contains", "help"],
  [doesNotContain("spam"), "does_not_contain", "spam"],
  [startsWith("Hoo"), "starts_with", "Hoo"],
  [doesNotStartWith("#"), "does_not_start_with", "#"],
  [lessThan(10), "less_than", "10"],
  [greaterThan("2.5"), "greater_than", "2.5"],
  [isBeforeTime("09:00"), "is_before_time", "09:00"],
  [isAfterTime("17:30"), "is_after_time", "17:30"],
  [isBeforeDate("2024-01-31"), "is_before_date", "2024-01-31"],
  [isAfterDate(flowContext.variables.at("since")), "is_after_date", "{{flow.variables.since}}"],
];

describe("split conditions", () => {
  it("covers all 17 condition types", () => {
    expect(new Set(table.map(([, type]) => type)).size).toBe(17);
  });

  it("render Studio's exact condition shape in match transitions, in the order written", () => {
    const ask = sendAndWaitForReply("ask", { body: "?" });
    const split = splitBasedOn("split", { input: ask.inbound.Body });
    for (const [condition] of table) split.when(condition, end);
    ask.on("incomingMessage", split);
    const state = compile(flow({ on: { incomingMessage: ask } })).states.find((s) => s.name === "split");
    expect(state?.transitions).toEqual([
      { event: "noMatch" },
      ...table.map(([, type, value]) => ({
        event: "match",
        conditions: [{ friendly_name: `If value ${type} ${value}`, arguments: [input], type, value }],
      })),
    ]);
  });

  it("take a friendly name, and several conditions in one branch", () => {
    const ask = sendAndWaitForReply("ask", { body: "?" });
    const agent = sendMessage("agent", { body: "Connecting you" });
    ask.on(
      "incomingMessage",
      splitBasedOn("split", { input: ask.inbound.Body })
        .when([contains("agent").named("Wants agent"), doesNotContain("bot")], agent)
        .otherwise(end),
    );
    const state = compile(flow({ on: { incomingMessage: ask } })).states.find((s) => s.name === "split");
    expect(state?.transitions).toEqual([
      { event: "noMatch" },
      {
        next: "agent",
        event: "match",
        conditions: [
          { friendly_name: "Wants agent", arguments: [input], type: "contains", value: "agent" },
          {
            friendly_name: "If value does_not_contain bot",
            arguments: [input],
            type: "does_not_contain",
            value: "bot",
          },
        ],
      },
    ]);
  });

  it.each([
    [() => matchesAnyOf(), "matches_any_of: give at least one value"],
    [
      () => matchesAnyOf("yes", "a,b"),
      'matches_any_of: "a,b" contains a comma, which Studio reads as a separator; pass each option separately',
    ],
    [() => regex("(unclosed"), "regex: Invalid regular expression: /(unclosed/: Unterminated group"],
    [() => lessThan("ten"), 'less_than: "ten" is not a number'],
    [() => isBeforeTime("9am"), 'is_before_time: "9am" is not a time as HH:MM'],
    [() => isAfterDate("31/01/2024"), 'is_after_date: "31/01/2024" is not a date as YYYY-MM-DD'],
  ])("reject a nonsensical value where the split takes it, naming the split (%#)", (make, message) => {
    const choice = splitBasedOn("choice", { input: "{{trigger.message.Body}}" });
    const target = sendMessage("target", { body: "x" });
    expect(() => choice.when(make(), target)).toThrow(new Error(`widget "choice": ${message}`));
    expect(() => choice.when([equalTo("fine"), make().named("renamed")], target)).toThrow(
      new Error(`widget "choice": ${message}`),
    );
  });
});
