import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../src/validator";
import { ask, definition, sendMessage, split, trigger, type TestState } from "./flows";

describe("names and transitions", () => {
  it("reports a duplicate name at the second widget, naming the first", () => {
    expect(
      validateDefinition(definition(trigger("greet"), sendMessage("greet"), sendMessage("greet"))),
    ).toEqual([
      {
        code: "duplicate-name",
        severity: "error",
        path: "states[2].name",
        widget: "greet",
        message: '"greet" is also the name of states[1]; widget names must be unique, rename one of them',
      },
    ]);
  });

  it("reports next to a missing widget with the nearest name", () => {
    const askName = ask("ask_name", "greet_user");
    askName.transitions[1] = { event: "timeout", next: "greet" };
    expect(validateDefinition(definition(trigger("ask_name"), askName, sendMessage("greet_user")))).toEqual([
      {
        code: "missing-target",
        severity: "error",
        path: "states[1].transitions[1].next",
        widget: "ask_name",
        message: 'transition "timeout" goes to "greet", which does not exist; did you mean "greet_user"?',
      },
    ]);
  });

  it("suggests only plausible names: case, prefix, or a few edits", () => {
    const names = ["greet_user", "ask_name", "w998", "w9"];
    const wanted = ["GREET_USER", "greet", "ask_nme", "w999", "completely_different"];
    const hello = sendMessage("hello");
    hello.transitions = wanted.map((next) => ({ event: "sent", next }));
    const flow = definition(trigger("hello"), hello, ...names.map((n) => sendMessage(n, "hi", "hello")));
    const suggestions = validateDefinition(flow)
      .filter((i) => i.code === "missing-target")
      .map((i) => i.message.replace(/^transition "sent" goes to /, ""));
    expect(suggestions).toEqual([
      '"GREET_USER", which does not exist; did you mean "greet_user"?',
      '"greet", which does not exist; did you mean "greet_user"?',
      '"ask_nme", which does not exist; did you mean "ask_name"?',
      '"w999", which does not exist; did you mean "w998"?',
      '"completely_different", which does not exist',
    ]);
  });

  it("treats an empty next as the end of the execution", () => {
    const hello = sendMessage("hello");
    hello.transitions[0] = { event: "sent", next: "" };
    expect(validateDefinition(definition(trigger("hello"), hello))).toEqual([]);
  });

  it("lists the legal events of the widget type", () => {
    const hello = sendMessage("hello");
    hello.transitions.push({ event: "timeout" }, { event: "Sent" });
    expect(validateDefinition(definition(trigger("hello"), hello))).toEqual([
      {
        code: "illegal-event",
        severity: "error",
        path: "states[1].transitions[2].event",
        widget: "hello",
        message: '"timeout" is not an event of Send Message (send-message); its events are "sent", "failed"',
      },
      {
        code: "illegal-event",
        severity: "error",
        path: "states[1].transitions[3].event",
        widget: "hello",
        message:
          '"Sent" is not an event of Send Message (send-message); its events are "sent", "failed"; did you mean "sent"?',
      },
    ]);
  });
});

describe("split conditions", () => {
  const input = "{{trigger.message.Body}}";

  it("needs conditions on match transitions and nowhere else", () => {
    const choose = split("choose", input, [{ next: "yes", type: "equal_to", value: "yes" }]);
    choose.transitions.push({ event: "match", next: "yes" });
    choose.transitions[0] = { event: "noMatch", conditions: [] };
    const yes = sendMessage("yes");
    yes.transitions[0] = { event: "sent", conditions: [] };
    expect(validateDefinition(definition(trigger("choose"), choose, yes))).toEqual([
      {
        code: "unexpected-conditions",
        severity: "error",
        path: "states[1].transitions[0].conditions",
        widget: "choose",
        message:
          'conditions are only read on the "match" transitions of a split-based-on widget, not on a "noMatch" transition; remove them',
      },
      {
        code: "match-without-conditions",
        severity: "error",
        path: "states[1].transitions[2]",
        widget: "choose",
        message:
          '"match" transition has no conditions, so it can never be taken; add a condition or remove the transition',
      },
      {
        code: "unexpected-conditions",
        severity: "error",
        path: "states[2].transitions[0].conditions",
        widget: "yes",
        message:
          'conditions are only read on the "match" transitions of a split-based-on widget, not on a send-message widget; remove them',
      },
    ]);
  });

  it("needs a value except for blank checks", () => {
    const choose = split("choose", input, [
      { next: "yes", type: "is_blank" },
      { next: "yes", type: "contains" },
    ]);
    expect(validateDefinition(definition(trigger("choose"), choose, sendMessage("yes")))).toEqual([
      {
        code: "condition-value-missing",
        severity: "error",
        path: "states[1].transitions[2].conditions[0].value",
        widget: "choose",
        message: 'condition "If value contains" (contains) has no "value" to compare with',
      },
    ]);
  });

  // A warning: Studio's own dialect may accept what JavaScript does not (Java's inline (?i) flag).
  it("compiles regex conditions as JavaScript, case-insensitive, skipping Liquid patterns", () => {
    const choose = split("choose", input, [
      { next: "yes", type: "regex", value: "^(yes|y" },
      { next: "yes", type: "regex", value: "(?i)yes" },
      { next: "yes", type: "regex", value: "^[0-9]{5}$" },
      { next: "yes", type: "regex", value: "{{flow.variables.pattern}}(" },
    ]);
    expect(validateDefinition(definition(trigger("choose"), choose, sendMessage("yes")))).toEqual([
      {
        code: "invalid-regex",
        severity: "warning",
        path: "states[1].transitions[1].conditions[0].value",
        widget: "choose",
        message:
          'condition "If value regex ^(yes|y" has an invalid regular expression "^(yes|y": Unterminated group (checked as a case-insensitive JavaScript RegExp)',
      },
      {
        code: "invalid-regex",
        severity: "warning",
        path: "states[1].transitions[2].conditions[0].value",
        widget: "choose",
        message:
          'condition "If value regex (?i)yes" has an invalid regular expression "(?i)yes": Invalid group (checked as a case-insensitive JavaScript RegExp)',
      },
    ]);
  });
});

describe("initial_state", () => {
  const flow = (initial: string, ...states: TestState[]) => ({
    ...definition(...states),
    initial_state: initial,
  });

  it("must name an existing widget", () => {
    expect(validateDefinition(flow("trigger", trigger("hello"), sendMessage("hello")))).toEqual([
      {
        code: "initial-state",
        severity: "error",
        path: "initial_state",
        message: '"trigger" is not a widget of this flow; did you mean "Trigger"?',
      },
    ]);
    expect(validateDefinition(flow("Start", trigger("hello"), sendMessage("hello")))).toEqual([
      {
        code: "initial-state",
        severity: "error",
        path: "initial_state",
        message: '"Start" is not a widget of this flow; the trigger widget is "Trigger"',
      },
    ]);
  });

  it("must name the trigger", () => {
    expect(validateDefinition(flow("hello", trigger("hello"), sendMessage("hello")))).toEqual([
      {
        code: "initial-state",
        severity: "error",
        path: "initial_state",
        message:
          '"hello" is a send-message widget, but executions start at a trigger widget; the trigger widget is "Trigger"',
      },
    ]);
    expect(validateDefinition(flow("hello", sendMessage("hello")))).toEqual([
      {
        code: "initial-state",
        severity: "error",
        path: "initial_state",
        message:
          '"hello" is a send-message widget, but executions start at a trigger widget; the flow has no trigger widget (type "trigger"), add one',
      },
    ]);
  });
});

describe("reachability, channels and limits", () => {
  it("warns about widgets nothing leads to", () => {
    expect(
      validateDefinition(
        definition(trigger("hello"), sendMessage("hello"), sendMessage("orphan", "x", "hello")),
      ),
    ).toEqual([
      {
        code: "unreachable",
        severity: "warning",
        path: "states[2]",
        widget: "orphan",
        message: 'no transition leads here from "Trigger", so it never runs; connect it or delete it',
      },
    ]);
  });

  it("warns about a voice widget reached only from message events, not after an outgoing call", () => {
    const say = (name: string) => ({
      name,
      type: "say-play",
      transitions: [{ event: "audioComplete" }],
      properties: { say: "Hello" },
    });
    const call = {
      name: "call",
      type: "make-outgoing-call-v2",
      transitions: [
        { event: "answered", next: "after_call" },
        { event: "busy" },
        { event: "noAnswer" },
        { event: "failed" },
      ],
      properties: { from: "{{flow.channel.address}}", to: "{{contact.channel.address}}" },
    };
    const start = trigger("say_sms");
    start.transitions[1] = { event: "incomingCall", next: "say_call" };
    const sms = { ...say("say_sms"), transitions: [{ event: "audioComplete", next: "call" }] };
    expect(validateDefinition(definition(start, sms, say("say_call"), call, say("after_call")))).toEqual([
      {
        code: "channel",
        severity: "warning",
        path: "states[1]",
        widget: "say_sms",
        message:
          "Say/Play needs a call, but it is reached only from trigger events that start without one (message, conversation or REST API) and never after a Make Outgoing Call",
      },
    ]);
  });

  it("caps a flow at Studio's 1,000 widgets", () => {
    const chain = (n: number) => [
      trigger("w0"),
      ...Array.from({ length: n - 1 }, (_, i) =>
        sendMessage(`w${i}`, "hi", i < n - 2 ? `w${i + 1}` : undefined),
      ),
    ];
    expect(validateDefinition(definition(...chain(1001)))).toEqual([
      {
        code: "too-many-states",
        severity: "error",
        path: "states",
        message:
          "the flow has 1001 widgets; Studio accepts at most 1000, so move a part into a Subflow (Run Subflow)",
      },
    ]);
    expect(validateDefinition(definition(...chain(1000)))).toEqual([]);
  });
});
