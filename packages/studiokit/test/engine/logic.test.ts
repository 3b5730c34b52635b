import { describe, expect, it } from "vitest";
import { type FlowDefinition } from "../../src/definition";
import { typedValue, type JsonObject, type TranscriptEntry } from "../../src/engine";
import { contact, flow, run, sms, twilio, widget } from "./helpers";

const end = { sent: undefined, failed: undefined };
const say = (name: string, body: string) => widget(name, "send-message", end, { from: twilio, body });
const bodies = (transcript: readonly TranscriptEntry[]) =>
  transcript.flatMap((t) => (t.kind === "send" ? [t.body] : []));

describe("engine/set-variables", () => {
  it("types values as Studio does: canonical numbers, quoted strings, text", () => {
    const plain = {};
    expect(
      ["1", "-2.5", "007", "1.50", "+15551234567", '"1"', "abc", "", "1e3", " 42 "].map((v) =>
        typedValue(v, plain),
      ),
    ).toEqual([1, -2.5, "007", "1.50", "+15551234567", "1", "abc", "", "1e3", 42]);
    expect(typedValue("007", { type: "number" })).toBe(7);
    expect(typedValue('{"a":[1]}', { parse_as_json: true })).toEqual({ a: [1] });
    expect(typedValue("{bad", { type: "json" })).toBe("{bad");
  });

  it("writes flow.variables from values rendered before the step, and counts in a loop", async () => {
    const d = flow(
      "incomingMessage",
      "count",
      widget(
        "count",
        "set-variables",
        { next: "check" },
        {
          variables: [
            {
              key: "count",
              value: "{% if flow.variables.count %}{{flow.variables.count | plus: 1}}{% else %}1{% endif %}",
            },
            { key: "seen", value: "{{flow.variables.count}}" },
            { key: "who", value: "{{trigger.message.From}}" },
          ],
        },
      ),
      {
        name: "check",
        type: "split-based-on",
        properties: { input: "{{flow.variables.count}}" },
        transitions: [
          { event: "noMatch", next: "count" },
          {
            event: "match",
            next: "done",
            conditions: [
              {
                friendly_name: "3",
                arguments: ["{{flow.variables.count}}"],
                type: "greater_than",
                value: "2",
              },
            ],
          },
        ],
      },
      say("done", "count={{flow.variables.count}}"),
    );
    const e = await run(d, sms());
    expect(e.variables).toEqual({ count: 3, seen: 2, who: contact });
    expect(bodies(e.transcript)).toEqual(["count=3"]);
    expect(e.context.widgets).toEqual({ done: expect.any(Object) });
  });
});

describe("engine/run-subflow", () => {
  const parent = flow(
    "incomingMessage",
    "sub",
    widget(
      "sub",
      "run-subflow",
      { completed: "done", failed: "ko" },
      {
        flow_sid: "FWsub",
        flow_revision: "LatestPublished",
        parameters: [{ key: "n", value: "{{trigger.message.Body}}" }],
      },
    ),
    say("done", "sub said {{widgets.sub.greeting}} / {{widgets.sub.n}}"),
    say("ko", "subflow failed"),
  );
  const child: FlowDefinition = {
    initial_state: "Trigger",
    states: [
      widget("Trigger", "trigger", { incomingParent: "greet" }),
      widget(
        "greet",
        "send-message",
        { sent: "vars", failed: undefined },
        {
          from: "{{flow.channel.address}}",
          body: "child for {{trigger.message.From}}, n={{trigger.parent.parameters.n}}",
        },
      ),
      widget(
        "vars",
        "set-variables",
        { next: undefined },
        {
          variables: [
            { key: "greeting", value: "hello" },
            { key: "n", value: "{{trigger.parent.parameters.n | plus: 1}}" },
          ],
        },
      ),
    ],
  };

  it("runs a given subflow inline: parameters in, flow.variables out as widgets.NAME.*", async () => {
    const e = await run(parent, sms("41"), { subflows: { FWsub: child } });
    expect(bodies(e.transcript)).toEqual([`child for ${contact}, n=41`, "sub said hello / 42"]);
    expect(
      e.steps.map((s) => [s.flow_sid.slice(0, 5), s.transitioned_from, s.name, s.transitioned_to]),
    ).toEqual([
      ["FW000", "Trigger", "incomingMessage", "sub"],
      ["FWsub", "Trigger", "incomingParent", "greet"],
      ["FWsub", "greet", "sent", "vars"],
      ["FWsub", "vars", "next", "Ended"],
      ["FW000", "sub", "completed", "done"],
      ["FW000", "done", "sent", "Ended"],
    ]);
    expect(e.variables).toEqual({});
    // Subflow steps count toward the execution's 1,000.
    expect(e.snapshot.stepCount).toBe(6);
  });

  it("answers from mocks.subflows when no definition is given", async () => {
    const e = await run(parent, sms("1"), {
      mocks: { subflows: [{ flow_sid: "FWsub", variables: { greeting: "mocked", n: 5 } }] },
    });
    expect(bodies(e.transcript)).toEqual(["sub said mocked / 5"]);
  });

  it("fails with 81024 when the subflow is unknown or nests another subflow", async () => {
    const e = await run(parent, sms("1"));
    expect(e.warnings).toEqual([
      {
        kind: "warning",
        code: "81024",
        widget: "sub",
        message:
          'widget "sub": no subflow FWsub: pass its definition in subflows or add it under mocks.subflows',
      },
    ]);
    expect(bodies(e.transcript)).toEqual(["subflow failed"]);
    const nesting = structuredClone(child);
    nesting.states[2] = widget(
      "vars",
      "run-subflow",
      { completed: undefined, failed: undefined },
      { flow_sid: "FWsub", flow_revision: "1" },
    );
    const n = await run(parent, sms("1"), { subflows: { FWsub: nesting } });
    expect(n.warnings).toEqual([
      {
        kind: "warning",
        code: "81024",
        widget: "vars",
        message: 'widget "vars": subflow FWsub runs subflow FWsub; Studio allows one nesting level',
      },
    ]);
    expect(bodies(n.transcript)).toEqual([`child for ${contact}, n=1`, "sub said  / "]);
  });

  it("lets the contact talk to a waiting subflow", async () => {
    const asking = structuredClone(child);
    asking.states[1] = widget(
      "greet",
      "send-and-wait-for-reply",
      { incomingMessage: "vars" },
      { from: "x", body: "age?" },
    );
    asking.states[2] = widget(
      "vars",
      "set-variables",
      { next: undefined },
      { variables: [{ key: "greeting", value: "{{widgets.greet.inbound.Body}}" }] },
    );
    const e = await run(parent, sms("1"), { subflows: { FWsub: asking } });
    expect(e.waitingAt).toBe("greet");
    await e.reply("33");
    expect(bodies(e.transcript)).toEqual(["age?", "sub said 33 / "]);
  });

  it("passes parameters as text unless parsed as JSON (docs: subflow parameters are parsed as strings)", async () => {
    const typed = structuredClone(parent);
    typed.states[1]!.properties["parameters"] = [
      { key: "n", value: "{{trigger.message.Body}}" },
      { key: "quoted", value: '"7"' },
      { key: "order", value: '{"id": {{trigger.message.Body}}}', parse_as_json: true },
    ];
    const seen: JsonObject[] = [];
    const e = await run(typed, sms("41"), {
      adapters: {
        subflows: (request) => (seen.push(request.parameters), { event: "completed", variables: {} }),
      },
    });
    expect(seen).toEqual([{ n: "41", quoted: '"7"', order: { id: 41 } }]);
    expect(e.transcript[0]).toEqual({
      kind: "subflow",
      widget: "sub",
      flowSid: "FWsub",
      parameters: seen[0],
    });
  });
});
