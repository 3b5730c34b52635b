import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../src/validator";
import { ask, definition, sendMessage, trigger } from "./flows";

describe("flow schema", () => {
  it("finds nothing wrong with a well-formed flow", () => {
    expect(
      validateDefinition(definition(trigger("ask"), ask("ask", "thanks"), sendMessage("thanks"))),
    ).toEqual([]);
  });

  it("says what a non-flow value is", () => {
    expect(validateDefinition([])).toEqual([
      {
        code: "schema",
        severity: "error",
        path: "(root)",
        message: "the flow definition must be an object; got a list",
      },
    ]);
  });

  it("names each missing top-level key, initial_state with its own code", () => {
    expect(
      validateDefinition({ name: "ask", type: "send-message", transitions: [], properties: {} }),
    ).toEqual([
      { code: "schema", severity: "error", path: "states", message: '"states" is required' },
      {
        code: "initial-state",
        severity: "error",
        path: "initial_state",
        message: '"initial_state" is required',
      },
    ]);
  });

  it("says which widget initial_state should name", () => {
    const { initial_state: _omitted, ...flow } = definition(trigger("hello"), sendMessage("hello"));
    expect(validateDefinition(flow)).toEqual([
      {
        code: "initial-state",
        severity: "error",
        path: "initial_state",
        message: '"initial_state" is required; it names the trigger widget, here "Trigger"',
      },
    ]);
  });

  it("locates problems inside states and names the widget", () => {
    const flow = definition(trigger("ask"), ask("ask"));
    const broken = {
      ...flow,
      states: [
        flow.states[0],
        { ...flow.states[1], transitions: [{ event: 7, next: "x" }] },
        { name: "split", type: "split-based-on", properties: { input: "x" } },
      ],
    };
    expect(validateDefinition(broken)).toEqual([
      {
        code: "schema",
        severity: "error",
        path: "states[1].transitions[0].event",
        widget: "ask",
        message: '"event" must be a string; got number 7',
      },
      {
        code: "schema",
        severity: "error",
        path: "states[2].transitions",
        widget: "split",
        message: '"transitions" is required',
      },
    ]);
  });

  it("holds a definition built in code to the same schema as JSON: properties a plain object with string keys", () => {
    class Properties {
      from = "{{flow.channel.address}}";
      to = "{{contact.channel.address}}";
      body = "Hello";
    }
    const withProperties = (properties: object) =>
      validateDefinition(
        definition(trigger("hello"), {
          ...sendMessage("hello"),
          properties: properties as Record<string, unknown>,
        }),
      );
    const symbolKeyed = { ...sendMessage("x").properties, [Symbol("note")]: 1 };
    const prototypeless = Object.assign(Object.create(null) as object, sendMessage("x").properties);
    expect([
      withProperties(new Properties()),
      withProperties(symbolKeyed),
      withProperties(prototypeless),
    ]).toEqual([
      [
        {
          code: "schema",
          severity: "error",
          path: "states[1].properties",
          widget: "hello",
          message: '"properties" must be record; got an object',
        },
      ],
      [
        {
          code: "schema",
          severity: "error",
          path: 'states[1].properties["Symbol(note)"]',
          widget: "hello",
          message: '"Symbol(note)": Invalid key in record',
        },
      ],
      [],
    ]);
  });

  it("suggests the nearest condition type", () => {
    const flow = definition(trigger("split"), {
      name: "split",
      type: "split-based-on",
      transitions: [
        { event: "noMatch" },
        {
          event: "match",
          next: "split",
          conditions: [
            { friendly_name: "yes", arguments: ["{{trigger.message.Body}}"], type: "equals", value: "y" },
          ],
        },
      ],
      properties: { input: "{{trigger.message.Body}}" },
    });
    expect(validateDefinition(flow)).toEqual([
      {
        code: "schema",
        severity: "error",
        path: "states[1].transitions[1].conditions[0].type",
        widget: "split",
        message:
          '"type" must be one of "equal_to", "not_equal_to", "matches_any_of", "does_not_match_any_of", "is_blank", "is_not_blank", "regex", "contains", "does_not_contain", "starts_with", "does_not_start_with", "less_than", "greater_than", "is_before_time", "is_after_time", "is_before_date", "is_after_date"; got string "equals"; did you mean "equal_to"?',
      },
    ]);
  });
});

describe("widget properties", () => {
  it("explains Studio's numbers-as-strings", () => {
    expect(validateDefinition(definition(trigger("ask"), ask("ask", undefined, { timeout: 3600 })))).toEqual([
      {
        code: "property",
        severity: "error",
        path: "states[1].properties.timeout",
        widget: "ask",
        message:
          '"timeout" must be a string such as "3600" (Studio writes numbers as strings here); got number 3600',
      },
    ]);
  });

  it("words each kind of mismatch for a flow author", () => {
    const gather = {
      name: "gather",
      type: "gather-input-on-call",
      transitions: [{ event: "keypress" }, { event: "speech" }, { event: "timeout" }],
      properties: {
        say: "Press 1",
        loop: 120,
        timeout: "5",
        profanity_filter: true,
        stop_gather: "true",
        speech_timeout: "auto",
      },
    };
    const http = {
      name: "http",
      type: "make-http-request",
      transitions: [{ event: "success" }, { event: "failed" }],
      properties: {
        method: "get",
        content_type: "application/json",
        parameters: [{ key: "id", value: 42 }],
      },
    };
    const dial = {
      name: "dial",
      type: "connect-call-to",
      transitions: [{ event: "callCompleted" }, { event: "hangup" }],
      properties: {
        noun: "sip",
        caller_id: "{{contact.channel.address}}",
        time_limit: true,
        sip_password: 1234,
      },
    };
    const flow = definition(
      { ...trigger(), transitions: [{ event: "incomingCall", next: "gather" }] },
      gather,
      http,
      dial,
    );
    const at = (i: number, widget: string, property: string, message: string) => ({
      code: "property",
      severity: "error",
      path: `states[${i}].properties.${property}`,
      widget,
      message,
    });
    expect(validateDefinition(flow).filter((i) => i.code === "property")).toEqual([
      at(1, "gather", "loop", '"loop" must be at most 99; got number 120'),
      at(
        1,
        "gather",
        "timeout",
        '"timeout" must be a JSON number such as 5, not a string (Studio writes a number here); got string "5"',
      ),
      at(
        1,
        "gather",
        "stop_gather",
        '"stop_gather" must be true without quotes (Studio writes a JSON boolean here); got string "true"',
      ),
      at(
        1,
        "gather",
        "profanity_filter",
        '"profanity_filter" must be one of "true", "false"; got boolean true',
      ),
      at(
        2,
        "http",
        "method",
        '"method" must be one of "GET", "POST", "PUT", "DELETE", "PATCH"; got string "get"; did you mean "GET"?',
      ),
      at(2, "http", "url", '"url" is required by Make HTTP Request'),
      at(
        2,
        "http",
        "parameters[0].value",
        '"parameters[0].value" must be a string such as "42" (Studio writes numbers as strings here); got number 42',
      ),
      at(3, "dial", "time_limit", '"time_limit" must be a string or a number; got boolean true'),
      at(
        3,
        "dial",
        "sip_password",
        '"sip_password" must be a string such as "1234" (Studio writes numbers as strings here); got number (value hidden)',
      ),
    ]);
  });

  it("refuses a widget type one or two edits from Studio's, saying which it misspells", () => {
    const flow = definition(trigger("hello"), {
      name: "hello",
      type: "send-mesage",
      transitions: [{ event: "whatever", next: "nowhere" }],
      properties: { anything: 1 },
    });
    expect(validateDefinition(flow)).toEqual([
      {
        code: "widget-type-typo",
        severity: "error",
        path: "states[1].type",
        widget: "hello",
        message: '"send-mesage" is not a Studio widget type; did you mean "send-message"?',
      },
      {
        code: "missing-target",
        severity: "error",
        path: "states[1].transitions[0].next",
        widget: "hello",
        message: 'transition "whatever" goes to "nowhere", which does not exist',
      },
    ]);
  });

  it.each([
    ["Send-Message", "send-message"],
    ["trigerr", "trigger"],
    ["say-paly", "say-play"],
    ["split-based-onn", "split-based-on"],
  ])("calls %s a misspelling of %s", (type, known) => {
    const flow = definition(trigger("w"), { name: "w", type, transitions: [], properties: {} });
    expect(validateDefinition(flow).map((i) => [i.code, i.message])).toEqual([
      ["widget-type-typo", `"${type}" is not a Studio widget type; did you mean "${known}"?`],
    ]);
  });

  it.each([["ai-assistant"], ["run-function-v3"], ["make-outgoing-call-v3"], ["send-message-v2"]])(
    "warns about %s, far from every type or a newer version of one, and checks nothing else of it",
    (type) => {
      const flow = definition(trigger("w"), {
        name: "w",
        type,
        transitions: [{ event: "anything" }],
        properties: { anything: 1 },
      });
      expect(validateDefinition(flow).map((i) => [i.code, i.severity])).toEqual([
        ["unknown-widget-type", "warning"],
      ]);
    },
  );

  it("words an unknown type as a possibly newer widget", () => {
    const flow = definition(trigger("w"), {
      name: "w",
      type: "ai-assistant",
      transitions: [],
      properties: {},
    });
    expect(validateDefinition(flow)[0]?.message).toBe(
      '"ai-assistant" is not a widget type studiokit knows (a newer Studio widget?), so its properties and events are not checked',
    );
  });

  it("warns about a required property left empty", () => {
    const fn = {
      name: "fn",
      type: "run-function",
      transitions: [{ event: "success" }, { event: "fail" }],
      properties: { url: " " },
    };
    expect(validateDefinition(definition(trigger("fn"), fn))).toEqual([
      {
        code: "empty-property",
        severity: "warning",
        path: "states[1].properties.url",
        widget: "fn",
        message: '"url" is empty, but Run Function needs it; the widget fails when it runs',
      },
    ]);
  });
});
