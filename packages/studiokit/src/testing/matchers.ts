// Type-only: importing the engine door must not load vitest at run time.
import type { MatcherResult as ExpectationResult, MatcherState } from "vitest";
import { describeState, spokenText, transcriptLines, type DrivenExecution } from "./scenario/steps";
import { type TextMatcher } from "./scenario/schema";
import { describeTextMatcher, matchesText } from "./scenario/text";

/** What `toHaveSent`/`toHaveSaid` accept: text, a RegExp, `{ contains }`/`{ matches }`, or `expect.stringContaining(…)` and friends. */
export type SentTextMatcher = TextMatcher | RegExp | { asymmetricMatch(other: unknown): boolean };

type Inspectable = Pick<DrivenExecution, "status" | "waitingAt" | "transcript" | "variables" | "endReason">;

function isExecution(value: unknown): value is Inspectable {
  return (
    typeof value === "object" &&
    value !== null &&
    "transcript" in value &&
    Array.isArray(value.transcript) &&
    "status" in value &&
    "variables" in value
  );
}

const notAnExecution = (name: string, received: unknown): ExpectationResult => ({
  pass: false,
  message: () => `${name} expects an Execution from startExecution, got ${typeof received}`,
});

function describeMatcher(state: MatcherState, expected: SentTextMatcher): string {
  if (expected instanceof RegExp) return `text matching ${String(expected)}`;
  if (typeof expected === "object" && "asymmetricMatch" in expected) return state.utils.stringify(expected);
  return describeTextMatcher(expected);
}

function textMatches(state: MatcherState, expected: SentTextMatcher, text: string): boolean {
  if (expected instanceof RegExp) return expected.test(text);
  if (typeof expected === "object" && "asymmetricMatch" in expected) return state.equals(text, expected);
  return matchesText(expected, text);
}

/** The conversation so far, appended to every failure message. */
const transcript = (e: Inspectable) =>
  `\n\ntranscript:\n${transcriptLines(e)
    .map((l) => `  ${l}`)
    .join("\n")}`;

function hasSpoken(kind: "send" | "say") {
  const name = kind === "send" ? "toHaveSent" : "toHaveSaid";
  const verb = kind === "send" ? "sent" : "said";
  return function (this: MatcherState, received: unknown, expected: SentTextMatcher): ExpectationResult {
    if (!isExecution(received)) return notAnExecution(name, received);
    const texts = received.transcript.flatMap((e) => spokenText(e, kind) ?? []);
    const pass = texts.some((text) => textMatches(this, expected, text));
    const what = describeMatcher(this, expected);
    return {
      pass,
      message: () =>
        (pass
          ? `expected the flow not to have ${verb} ${what}`
          : `expected the flow to have ${verb} ${what}`) + transcript(received),
    };
  };
}

/** `expect.extend(engineMatchers)` in a test file (or a setup file); types: vitest-matchers.d.ts. */
export const engineMatchers = {
  toHaveSent: hasSpoken("send"),
  toHaveSaid: hasSpoken("say"),
  toBeWaitingAt(this: MatcherState, received: unknown, widget: string): ExpectationResult {
    if (!isExecution(received)) return notAnExecution("toBeWaitingAt", received);
    const pass = received.status !== "ended" && received.waitingAt === widget;
    return {
      pass,
      message: () =>
        `expected the execution ${pass ? "not " : ""}to be waiting at ${widget}, it is ${describeState(received)}` +
        transcript(received),
    };
  },
  toHaveEnded(this: MatcherState, received: unknown): ExpectationResult {
    if (!isExecution(received)) return notAnExecution("toHaveEnded", received);
    const pass = received.status === "ended";
    return {
      pass,
      message: () =>
        `expected the execution ${pass ? "not " : ""}to have ended, it is ${describeState(received)}` +
        transcript(received),
    };
  },
  toHaveVariables(this: MatcherState, received: unknown, subset: Record<string, unknown>): ExpectationResult {
    if (!isExecution(received)) return notAnExecution("toHaveVariables", received);
    const vars = received.variables;
    const pass = Object.entries(subset).every(([k, v]) => k in vars && this.equals(vars[k], v));
    return {
      pass,
      message: () =>
        `expected flow.variables ${pass ? "not " : ""}to include ${this.utils.stringify(subset, 10, { min: true })}, ` +
        `they are ${this.utils.stringify(vars, 10, { min: true })}`,
      actual: vars,
      expected: subset,
    };
  },
};
