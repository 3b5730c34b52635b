import { describe, expect, test } from "vitest";
import tutorialFlow from "../fixtures/project/flows/do-you-like-bots";
import { compile } from "../../src/compiler";
import { parseFlowDefinition, type FlowDefinition } from "../../src/definition";
import { changedWidgets, flowHeaderChanged, joinDefinition, splitDefinition } from "../../src/providers";
import { validateDefinition } from "../../src/validator";
import { legacyFlowFile, realFlows } from "../support/fixtures";
import { propertyDiff } from "./harness/stack";
import {
  oneWidgetChanged,
  reformatted,
  reordered,
  withoutStudioDefaults,
  withStudioDefaults,
} from "./harness/variants";

// The diff over the real flows (what decides whether a preview shows a change): how a flow is held
// in inputs (`flow` + `widgets`) and what counts as a change. The same functions run in `check`,
// `diff` and `read` in the plugin.

const flows = realFlows()
  .filter((f) => f.file !== legacyFlowFile)
  .map((f) => {
    const parsed = parseFlowDefinition(f.json);
    if (!parsed.ok) throw new Error(`${f.file}: ${parsed.problems[0]?.message}`);
    return { file: f.file, definition: parsed.value };
  });

const noChange = (a: FlowDefinition, b: FlowDefinition) => {
  const [x, y] = [splitDefinition(a), splitDefinition(b)];
  return { widgets: changedWidgets(x.widgets, y.widgets), header: flowHeaderChanged(x.flow, y.flow) };
};

describe.each(flows)("$file", ({ definition }) => {
  test("reformatted or reordered (keys and states): the stored inputs are identical", () => {
    expect(propertyDiff(splitDefinition(definition), splitDefinition(reformatted(definition)))).toEqual([]);
    expect(propertyDiff(splitDefinition(definition), splitDefinition(reordered(definition)))).toEqual([]);
  });

  test("Studio's defaults spelt out or left out: no change", () => {
    expect(noChange(definition, withStudioDefaults(definition))).toEqual({ widgets: [], header: false });
    expect(noChange(definition, withoutStudioDefaults(definition))).toEqual({ widgets: [], header: false });
    expect(noChange(withoutStudioDefaults(definition), definition)).toEqual({ widgets: [], header: false });
  });

  test("one widget changed: exactly that widget, and the input diff is keyed by its name", () => {
    const { definition: changed, widget } = oneWidgetChanged(definition);
    expect(noChange(definition, reordered(changed))).toEqual({ widgets: [widget], header: false });
    expect(propertyDiff(splitDefinition(definition), splitDefinition(reordered(changed)))).toEqual([
      `widgets.${widget}.properties.studiokit_probe`,
    ]);
  });

  test("split and join round-trip to the canonical definition", () => {
    expect(splitDefinition(joinDefinition(splitDefinition(reordered(definition))))).toEqual(
      splitDefinition(definition),
    );
  });
});

describe("what is a change", () => {
  const definition = [...flows].sort((a, b) => b.definition.states.length - a.definition.states.length)[0]!
    .definition;
  test("a rewired transition, a moved widget (when layout is declared), a new flag: changes", () => {
    const wired = definition.states.find((s) => s.transitions.some((t) => t.next))!;
    const rewired = {
      ...definition,
      states: definition.states.map((s) =>
        s === wired ? { ...s, transitions: s.transitions.map((t) => ({ ...t, next: undefined })) } : s,
      ),
    };
    expect(noChange(definition, rewired)).toEqual({ widgets: [wired.name], header: false });
    const first = definition.states[0]!.name;
    const moved = {
      ...definition,
      states: definition.states.map((s, i) =>
        i === 0 ? { ...s, properties: { ...s.properties, offset: { x: 9, y: 9 } } } : s,
      ),
    };
    expect(noChange(definition, moved)).toEqual({ widgets: [first], header: false });
    expect(noChange(definition, { ...definition, flags: { allow_concurrent_calls: false } })).toEqual({
      widgets: [],
      header: true,
    });
  });

  test("Make HTTP Request with method GET and with method left out: the same widget; POST: a change", () => {
    const lookup = (properties: Record<string, unknown>) => ({
      lookup: {
        type: "make-http-request",
        transitions: [{ event: "success" }, { event: "failed" }],
        properties: { url: "https://example.com/orders", ...properties },
      },
    });
    const form = "application/x-www-form-urlencoded;charset=utf-8";
    expect(changedWidgets(lookup({ method: "GET", content_type: form }), lookup({}))).toEqual([]);
    expect(changedWidgets(lookup({}), lookup({ method: "GET" }))).toEqual([]);
    expect(changedWidgets(lookup({ method: "GET" }), lookup({ method: "POST" }))).toEqual(["lookup"]);
    expect(changedWidgets(lookup({}), lookup({ content_type: "application/json" }))).toEqual(["lookup"]);
  });

  test("a widget added and one removed are both named", () => {
    const extra = { name: "zz_added", type: "set-variables", transitions: [], properties: { variables: [] } };
    const [, ...rest] = definition.states;
    expect(noChange(definition, { ...definition, states: [...rest, extra] })).toEqual({
      widgets: [definition.states[0]!.name, "zz_added"].sort(),
      header: false,
    });
  });
});

describe("the tutorial as infra/ deploys it (the compiled builder flow)", () => {
  const definition = compile(tutorialFlow);
  test("left out: unwired events and the optional defaults go; required `from` and `timeout` stay", () => {
    const bare = withoutStudioDefaults(definition);
    expect(validateDefinition(bare).filter((issue) => issue.severity === "error")).toEqual([]);
    expect(bare.flags).toBeUndefined();
    const widget = (name: string) => bare.states.find((s) => s.name === name);
    expect(widget("send_and_reply_1")).toEqual({
      name: "send_and_reply_1",
      type: "send-and-wait-for-reply",
      transitions: [{ next: "split_1", event: "incomingMessage" }],
      properties: {
        offset: widget("send_and_reply_1")!.properties["offset"],
        from: "{{flow.channel.address}}",
        body: "Hi, do you like bots?",
        timeout: "3600",
      },
    });
    expect(widget("send_message_2")?.properties).toEqual({
      offset: widget("send_message_2")!.properties["offset"],
      from: "{{flow.channel.address}}",
      body: "🤖",
    });
    expect(noChange(definition, bare)).toEqual({ widgets: [], header: false });
    expect(noChange(definition, withStudioDefaults(bare))).toEqual({ widgets: [], header: false });
  });
});
