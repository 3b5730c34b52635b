import { describe, expect, it } from "vitest";
import {
  flow,
  raw,
  rawCondition,
  sendAndWaitForReply,
  sendMessage,
  setVariables,
  splitBasedOn,
} from "../../src/builder";
import { compile } from "../../src/compiler";

// What `studiokit import` needs to reproduce a console export exactly: the listed events in the
// export's order, no default properties the export lacks, trigger-only flows and detached widgets.
describe("builder options for imported flows", () => {
  it("writes the listed events in order, and no Studio defaults when fillDefaults is false", () => {
    const ask = sendAndWaitForReply("ask", {
      body: "Hi",
      from: "+15005550006",
      timeout: "60",
      events: ["deliveryFailure", "incomingMessage"],
      fillDefaults: false,
      offset: { x: 1, y: 2 },
    });
    const done = sendMessage("done", { body: "Bye", events: ["failed", "sent"], offset: { x: 3, y: 4 } });
    ask.on("incomingMessage", done);
    const definition = compile(
      flow({
        on: { incomingMessage: ask },
        trigger: { events: ["incomingRequest", "incomingMessage"] },
        flags: { allowConcurrentCalls: false },
      }),
    );
    expect(definition).toEqual({
      states: [
        {
          name: "Trigger",
          type: "trigger",
          transitions: [{ event: "incomingRequest" }, { next: "ask", event: "incomingMessage" }],
          properties: { offset: { x: 0, y: 0 } },
        },
        {
          name: "ask",
          type: "send-and-wait-for-reply",
          transitions: [{ event: "deliveryFailure" }, { next: "done", event: "incomingMessage" }],
          properties: { body: "Hi", from: "+15005550006", offset: { x: 1, y: 2 }, timeout: "60" },
        },
        {
          name: "done",
          type: "send-message",
          transitions: [{ event: "failed" }, { event: "sent" }],
          properties: {
            body: "Bye",
            channel: "{{trigger.message.ChannelSid}}",
            from: "{{flow.channel.address}}",
            offset: { x: 3, y: 4 },
            service: "{{trigger.message.InstanceSid}}",
            to: "{{contact.channel.address}}",
          },
        },
      ],
      initial_state: "Trigger",
      flags: { allow_concurrent_calls: false },
    });
  });

  it("compiles a trigger-only flow when the trigger's events are listed", () => {
    expect(compile(flow({ description: "New", on: {}, trigger: { events: ["incomingCall"] } }))).toEqual({
      description: "New",
      states: [
        {
          name: "Trigger",
          type: "trigger",
          transitions: [{ event: "incomingCall" }],
          properties: { offset: { x: 0, y: 0 } },
        },
      ],
      initial_state: "Trigger",
      flags: { allow_concurrent_calls: true },
    });
  });

  it("writes detached widgets and what they lead to instead of reporting them unreachable", () => {
    const start = setVariables("start", { offset: { x: 0, y: 200 } });
    const orphan = setVariables("orphan", { offset: { x: 500, y: 200 } });
    const orphanNext = setVariables("orphan_next", { offset: { x: 500, y: 400 } });
    orphan.on("next", orphanNext);
    const definition = compile(flow({ on: { incomingRequest: start }, detached: [orphan] }));
    expect(definition.states.map((s) => [s.name, s.transitions])).toEqual([
      [
        "Trigger",
        [
          { event: "incomingMessage" },
          { event: "incomingCall" },
          { event: "incomingConversationMessage" },
          { next: "start", event: "incomingRequest" },
          { event: "incomingParent" },
        ],
      ],
      ["orphan", [{ next: "orphan_next", event: "next" }]],
      ["orphan_next", [{ event: "next" }]],
      ["start", [{ event: "next" }]],
    ]);
  });

  it("rejects an events list with an event the widget does not have, and a wired trigger event left off the list", () => {
    expect(() => sendMessage("x", { body: "b", events: ["sent", "timeout"] })).toThrow(
      'send-message "x": events lists "timeout", which send-message does not have; its events are sent, failed',
    );
    const greet = sendMessage("greet", { body: "Hi" });
    expect(() => flow({ on: { incomingMessage: greet }, trigger: { events: ["incomingCall"] } })).toThrow(
      'flow: trigger event "incomingMessage" is wired but not in trigger.events; list it there',
    );
    expect(() => sendMessage("y", { body: "b", events: ["sent"] }).on("failed", greet)).toThrow(
      'widget "y" (send-message) has no event "failed"; its events are sent',
    );
  });
});

describe("escape hatches keep imported JSON verbatim", () => {
  it("rawCondition writes the condition exactly, raw() fills no defaults", () => {
    const shout = raw(
      "shout",
      "send-message",
      { body: "HI", from: "+15005550006", offset: { x: 0, y: 300 } },
      ["sent"],
    );
    const split = splitBasedOn("check", { input: "{{trigger.message.Body}}", offset: { x: 0, y: 200 } }).when(
      rawCondition({ friendly_name: "blank", arguments: ["{{trigger.message.From}}"], type: "is_blank" }),
      shout,
    );
    const states = compile(flow({ on: { incomingMessage: split } })).states;
    expect(states.slice(1)).toEqual([
      {
        name: "check",
        type: "split-based-on",
        transitions: [
          { event: "noMatch" },
          {
            next: "shout",
            event: "match",
            conditions: [
              { friendly_name: "blank", arguments: ["{{trigger.message.From}}"], type: "is_blank" },
            ],
          },
        ],
        properties: { input: "{{trigger.message.Body}}", offset: { x: 0, y: 200 } },
      },
      {
        name: "shout",
        type: "send-message",
        transitions: [{ event: "sent" }],
        properties: { body: "HI", from: "+15005550006", offset: { x: 0, y: 300 } },
      },
    ]);
  });
});
