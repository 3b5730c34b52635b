import { describe, expect, it } from "vitest";
import {
  canonicalDefinition,
  canonicalJson,
  isWidgetType,
  parseFlowDefinition,
  parseJsonText,
  parseState,
  widgetSpecs,
} from "../../src/definition";
import { legacyFlowFile, realFlows, realWidgets } from "../support/fixtures";

const flows = realFlows();
const v2Flows = flows.filter((f) => f.file !== legacyFlowFile);

describe("real flows", () => {
  it("has the real-flow fixtures of test/fixtures/real", () => {
    expect(flows).toHaveLength(19);
    expect(realWidgets()).toHaveLength(21);
  });

  it.each(v2Flows.map((f) => [f.file, f] as const))(
    "%s parses and re-serialises deep-equal",
    (_file, fixture) => {
      const parsed = parseFlowDefinition(fixture.json);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(JSON.parse(JSON.stringify(parsed.value))).toEqual(fixture.json);
      const byName = (states: ReadonlyArray<{ name: string }>) =>
        [...states].sort((a, b) => (a.name < b.name ? -1 : 1));
      const canonical = JSON.parse(canonicalJson(parsed.value)) as { states: { name: string }[] };
      const original = fixture.json as { states: { name: string }[] };
      expect({ ...canonical, states: byName(canonical.states) }).toEqual({
        ...original,
        states: byName(original.states),
      });
    },
  );

  it.each(realWidgets().map((f) => [f.file, f] as const))(
    "%s parses and re-serialises deep-equal",
    (_file, fixture) => {
      const parsed = parseState(fixture.json);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(JSON.parse(JSON.stringify(parsed.value))).toEqual(fixture.json);
      expect(isWidgetType(parsed.value.type)).toBe(true);
    },
  );

  it("rejects the legacy v1 flow with a message that says what to do", () => {
    const legacy = flows.find((f) => f.file === legacyFlowFile)!;
    expect(parseFlowDefinition(legacy.json)).toEqual({
      ok: false,
      problems: [
        {
          path: "states[0].type",
          message:
            '"InitialState" is a widget of Studio\'s retired v1 flow format; studiokit reads v2 definitions. Re-create the flow in the Studio console (v2) and export it from there.',
        },
      ],
    });
  });
});

describe("hostile input", () => {
  it("reports a type that is not a string instead of crashing on it", () => {
    const hostile = {
      initial_state: "T",
      states: [{ name: "T", type: { toString: false }, transitions: [], properties: {} }],
    };
    expect(parseFlowDefinition(hostile)).toEqual({
      ok: false,
      problems: [{ path: "states[0].type", message: "Invalid input: expected string, received object" }],
    });
  });
});

describe("widget specs", () => {
  it("covers the 28 official widget types and the 4 seen in real exports", () => {
    expect(Object.keys(widgetSpecs).sort()).toEqual(
      [
        "add-member-to-chat-channel",
        "add-twiml-redirect",
        "capture-payments",
        "connect-call-to",
        "create-chat-channel",
        "create-task",
        "enqueue-call",
        "fork-stream",
        "gather-input-on-call",
        "make-http-request",
        "make-outgoing-call-v1",
        "make-outgoing-call-v2",
        "record-call",
        "record-voicemail",
        "run-function",
        "run-function-v2",
        "say-play",
        "send-and-wait-for-reply",
        "send-message",
        "send-to-flex",
        "set-variables",
        "split-based-on",
        "run-subflow",
        "trigger",
        "understand",
        "update-sync-object",
        "connect-virtual-agent",
        "connect-virtual-agent-v2",
        "send-to-auto-pilot",
        "start-conversation",
        "resume-conversation",
        "run-conversation-relay",
      ].sort(),
    );
  });

  it("accepts the properties of every real widget fixture", () => {
    const failures = realWidgets().flatMap((f) => {
      const state = f.json as { type: string; properties: unknown };
      if (!isWidgetType(state.type)) return [`${f.file}: unknown type ${state.type}`];
      const result = widgetSpecs[state.type].properties.safeParse(state.properties);
      return result.success ? [] : [`${f.file}: ${result.error.message}`];
    });
    expect(failures).toEqual([]);
  });

  it("keeps properties it does not model", () => {
    const parsed = widgetSpecs["send-message"].properties.parse({ from: "x", studio_new_flag: { a: 1 } });
    expect(parsed).toEqual({ from: "x", studio_new_flag: { a: 1 } });
  });
});

describe("canonical form", () => {
  it("puts the initial state first and sorts the rest by name, keeping transition order", () => {
    const parsed = parseFlowDefinition({
      initial_state: "Trigger",
      states: [
        {
          name: "b",
          type: "send-message",
          properties: { to: "1", from: "2" },
          transitions: [{ event: "sent" }, { event: "failed" }],
        },
        {
          properties: {},
          name: "Trigger",
          type: "trigger",
          transitions: [{ event: "incomingMessage", next: "b" }],
        },
      ],
    });
    if (!parsed.ok) throw new Error("expected a valid flow");
    expect(canonicalJson(parsed.value)).toBe(
      JSON.stringify(
        {
          states: [
            {
              name: "Trigger",
              type: "trigger",
              transitions: [{ next: "b", event: "incomingMessage" }],
              properties: {},
            },
            {
              name: "b",
              type: "send-message",
              transitions: [{ event: "sent" }, { event: "failed" }],
              properties: { from: "2", to: "1" },
            },
          ],
          initial_state: "Trigger",
        },
        null,
        2,
      ) + "\n",
    );
    expect(canonicalDefinition(canonicalDefinition(parsed.value))).toEqual(canonicalDefinition(parsed.value));
  });
});

describe("parseJsonText", () => {
  it("names the line and column of a syntax error", () => {
    expect(parseJsonText('{\n  "a": 1,\n}')).toEqual({
      ok: false,
      message: 'invalid JSON at line 3, column 1: expected a property name in double quotes, found "}"',
    });
  });

  it("names the line and column where Node gives no position, and never echoes the text", () => {
    expect(parseJsonText('{\n  "states": [,]\n}')).toEqual({
      ok: false,
      message: 'invalid JSON at line 2, column 14: unexpected "," where a value should be',
    });
  });
});
