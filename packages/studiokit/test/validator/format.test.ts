import { describe, expect, it } from "vitest";
import {
  assertValid,
  FlowValidationError,
  formatIssues,
  validateWidget,
  type ValidationIssue,
} from "../../src/validator";
import { validationIssueSchema } from "../../src/validator/issue-schema";
import { ask, definition, sendMessage, trigger } from "./flows";

const issues: ValidationIssue[] = [
  {
    code: "initial-state",
    severity: "error",
    path: "initial_state",
    message: '"Start" is not a widget of this flow',
  },
  {
    code: "unreachable",
    severity: "warning",
    path: "states[2]",
    widget: "ask",
    message: "no transition leads here",
  },
];

describe("formatIssues", () => {
  it("writes one line per issue: file, widget, path, message; warnings say so", () => {
    expect(formatIssues(issues, "flows/a.json")).toBe(
      'flows/a.json: initial_state: "Start" is not a widget of this flow\n' +
        'flows/a.json: widget "ask": states[2]: warning: no transition leads here',
    );
    expect(formatIssues(issues)).toBe(
      'initial_state: "Start" is not a widget of this flow\nwidget "ask": states[2]: warning: no transition leads here',
    );
    expect(formatIssues([])).toBe("");
  });
});

describe("assertValid", () => {
  it("returns the typed definition when there is no error, warnings allowed", () => {
    const flow = definition(trigger("hello"), sendMessage("hello"), sendMessage("orphan"));
    expect(assertValid(flow)).toEqual(flow);
  });

  it("throws FlowValidationError carrying every issue, its message the formatted list", () => {
    const flow = definition(trigger("ask"), ask("ask", "greet", { timeout: 60 }), sendMessage("orphan"));
    let caught: unknown;
    try {
      assertValid(flow, "flows/ask.json");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FlowValidationError);
    const error = caught as FlowValidationError;
    expect(error.message).toBe(
      [
        'flows/ask.json: widget "ask": states[1].properties.timeout: "timeout" must be a string such as "60" (Studio writes numbers as strings here); got number 60',
        'flows/ask.json: widget "ask": states[1].transitions[0].next: transition "incomingMessage" goes to "greet", which does not exist',
        'flows/ask.json: widget "orphan": states[2]: warning: no transition leads here from "Trigger", so it never runs; connect it or delete it',
      ].join("\n"),
    );
    expect(error.issues.map((i) => i.code)).toEqual(["property", "missing-target", "unreachable"]);
    for (const issue of error.issues) expect(validationIssueSchema.parse(issue)).toEqual(issue);
  });

  it("throws the schema issues of something that is not a flow", () => {
    expect(() => assertValid({ states: [] })).toThrow(
      new FlowValidationError([
        {
          code: "schema",
          severity: "error",
          path: "states",
          message: '"states" must have at least 1 item; got a list',
        },
        {
          code: "initial-state",
          severity: "error",
          path: "initial_state",
          message: '"initial_state" is required',
        },
      ]),
    );
  });
});

describe("validateWidget", () => {
  it("checks a lone widget with paths from the widget itself", () => {
    const widget = ask("ask", "elsewhere", { timeout: 5, body: "{{ widgets.ask.inbound.Body" });
    widget.transitions.push({ event: "sent" });
    expect(validateWidget(widget)).toEqual([
      {
        code: "property",
        severity: "error",
        path: "properties.timeout",
        widget: "ask",
        message:
          '"timeout" must be a string such as "5" (Studio writes numbers as strings here); got number 5',
      },
      {
        code: "illegal-event",
        severity: "error",
        path: "transitions[3].event",
        widget: "ask",
        message:
          '"sent" is not an event of Send & Wait For Reply (send-and-wait-for-reply); its events are "incomingMessage", "timeout", "deliveryFailure"',
      },
      {
        code: "liquid-syntax",
        severity: "error",
        path: "properties.body",
        widget: "ask",
        message: 'Liquid syntax error at line 1, column 1: output "{{ widgets.ask.inbound.Body" not closed',
      },
    ]);
  });

  it("reports a value that is not a widget", () => {
    expect(validateWidget({ name: "", type: "say-play" })).toEqual([
      { code: "schema", severity: "error", path: "name", message: '"name" must not be empty; got string ""' },
      { code: "schema", severity: "error", path: "transitions", message: '"transitions" is required' },
      { code: "schema", severity: "error", path: "properties", message: '"properties" is required' },
    ]);
  });
});
