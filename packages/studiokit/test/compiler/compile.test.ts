import { describe, expect, it } from "vitest";
import {
  end,
  equalTo,
  flow,
  liquid,
  makeHttpRequest,
  matchesAnyOf,
  raw,
  rawCondition,
  runFunction,
  sendAndWaitForReply,
  sendMessage,
  splitBasedOn,
  type Flow,
} from "../../src/builder";
import { compile, compileToJson, compileWithIssues, CompileError } from "../../src/compiler";
import { canonicalJson } from "../../src/definition";
import bots from "../fixtures/project/flows/do-you-like-bots";
import { generateFlow } from "../../bench/generate-flow";

/** Ask for an order number, look it up, answer per status; ask again on timeout; an unknown widget after "sorry". */
function orderStatus(): Flow {
  const ask = sendAndWaitForReply("ask", { body: "Order number?", timeout: 600 });
  const lookup = runFunction<{ status: string }>("lookup", {
    url: "https://example.twil.io/lookup",
    parameters: [{ key: "order", value: ask.inbound.Body }],
  });
  const shipped = sendMessage("shipped", { body: liquid`Order ${ask.inbound.Body} has shipped` });
  const pending = sendMessage("pending", { body: "Still packing" });
  const sorry = sendMessage("sorry", { body: "Could not find it" });
  const audit = raw("audit", "some-future-widget", { level: "info", offset: { x: 900, y: 900 } }, ["done"]);
  ask.on("incomingMessage", lookup).on("timeout", ask);
  lookup
    .on(
      "success",
      splitBasedOn("status", { input: lookup.parsed.status })
        .when(equalTo("shipped"), shipped)
        .when(matchesAnyOf("new", "packing"), pending)
        .otherwise(sorry),
    )
    .on("fail", sorry);
  sorry.on("sent", audit);
  return flow({
    description: "Order status",
    on: { incomingMessage: ask },
    flags: { allowConcurrentCalls: false },
  });
}

const messaging = {
  service: "{{trigger.message.InstanceSid}}",
  channel: "{{trigger.message.ChannelSid}}",
  from: "{{flow.channel.address}}",
};

describe("compile", () => {
  it("renders a multi-branch flow whole: Studio's order, every event, defaults, layout", () => {
    expect(compile(orderStatus())).toStrictEqual({
      description: "Order status",
      states: [
        {
          name: "Trigger",
          type: "trigger",
          transitions: [
            { next: "ask", event: "incomingMessage" },
            { event: "incomingCall" },
            { event: "incomingConversationMessage" },
            { event: "incomingRequest" },
            { event: "incomingParent" },
          ],
          properties: { offset: { x: 0, y: 0 } },
        },
        {
          name: "ask",
          type: "send-and-wait-for-reply",
          transitions: [
            { next: "lookup", event: "incomingMessage" },
            { next: "ask", event: "timeout" },
            { event: "deliveryFailure" },
          ],
          properties: { ...messaging, body: "Order number?", offset: { x: 0, y: 240 }, timeout: "600" },
        },
        {
          name: "audit",
          type: "some-future-widget",
          transitions: [{ event: "done" }],
          properties: { level: "info", offset: { x: 900, y: 900 } },
        },
        {
          name: "lookup",
          type: "run-function",
          transitions: [
            { next: "status", event: "success" },
            { next: "sorry", event: "fail" },
          ],
          properties: {
            offset: { x: 0, y: 480 },
            parameters: [{ key: "order", value: "{{widgets.ask.inbound.Body}}" }],
            url: "https://example.twil.io/lookup",
          },
        },
        {
          name: "pending",
          type: "send-message",
          transitions: [{ event: "sent" }, { event: "failed" }],
          properties: {
            ...messaging,
            body: "Still packing",
            offset: { x: -80, y: 960 },
            to: "{{contact.channel.address}}",
          },
        },
        {
          name: "shipped",
          type: "send-message",
          transitions: [{ event: "sent" }, { event: "failed" }],
          properties: {
            ...messaging,
            body: "Order {{widgets.ask.inbound.Body}} has shipped",
            offset: { x: -400, y: 960 },
            to: "{{contact.channel.address}}",
          },
        },
        {
          name: "sorry",
          type: "send-message",
          transitions: [{ next: "audit", event: "sent" }, { event: "failed" }],
          properties: {
            ...messaging,
            body: "Could not find it",
            offset: { x: 240, y: 720 },
            to: "{{contact.channel.address}}",
          },
        },
        {
          name: "status",
          type: "split-based-on",
          transitions: [
            { next: "sorry", event: "noMatch" },
            {
              next: "shipped",
              event: "match",
              conditions: [
                {
                  friendly_name: "If value equal_to shipped",
                  arguments: ["{{widgets.lookup.parsed.status}}"],
                  type: "equal_to",
                  value: "shipped",
                },
              ],
            },
            {
              next: "pending",
              event: "match",
              conditions: [
                {
                  friendly_name: "If value matches_any_of new,packing",
                  arguments: ["{{widgets.lookup.parsed.status}}"],
                  type: "matches_any_of",
                  value: "new,packing",
                },
              ],
            },
          ],
          properties: { input: "{{widgets.lookup.parsed.status}}", offset: { x: -240, y: 720 } },
        },
      ],
      initial_state: "Trigger",
      flags: { allow_concurrent_calls: false },
    });
  });

  it("gives byte-identical JSON for the same flow, built twice", () => {
    const first = compileToJson(orderStatus());
    expect(compileToJson(orderStatus())).toBe(first);
    expect(first.endsWith("}\n")).toBe(true);
  });

  it("writes exactly canonicalDefinition's form (its output is a fixed point of it)", () => {
    const withExtras = (() => {
      const hi = sendMessage("hi", {
        body: "x",
        extraProperties: { z_extra: { b: 1, a: [{ y: 1, x: 2 }] } },
        contentVariables: [{ value: "v", key: "1" }],
      });
      const split = splitBasedOn("split", { input: "{{trigger.message.Body}}" }).when(
        rawCondition({ value: "v", type: "equal_to", arguments: ["a"], friendly_name: "f", zz: 1, aa: 2 }),
        hi,
      );
      return flow({ on: { incomingMessage: split }, trigger: { name: "Start", offset: { x: 5, y: 5 } } });
    })();
    for (const f of [bots, orderStatus(), generateFlow(300), withExtras]) {
      const json = compileToJson(f);
      expect(canonicalJson(JSON.parse(json))).toBe(json);
    }
  });

  it("reports the validator's warnings without failing", () => {
    const { issues } = compileWithIssues(orderStatus());
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(issues.map((i) => [i.code, i.widget])).toContainEqual(["unknown-widget-type", "audit"]);
  });

  it("names both places when two widgets share a name", () => {
    const ask = sendAndWaitForReply("greet", { body: "Hi?" });
    ask.on("incomingMessage", sendMessage("greet", { body: "Hello" }));
    const error = catchCompile(flow({ on: { incomingMessage: ask } }));
    expect(error.issues).toEqual([
      {
        code: "duplicate-name",
        severity: "error",
        path: "states",
        widget: "greet",
        message:
          'two widgets are named "greet": a send-and-wait-for-reply first reached from "Trigger" on "incomingMessage", and a send-message first reached from "greet" on "incomingMessage"; give each widget its own name',
      },
    ]);
    expect(error.message).toBe(`widget "greet": states: ${error.issues[0]!.message}`);
  });

  it("reports every namesake against the first one reached, in the order the walk reached them", () => {
    const third = sendMessage("a", { body: "3" });
    const b2 = sendMessage("b", { body: "b2" });
    const second = sendMessage("a", { body: "2" }).on("sent", third);
    const b1 = sendAndWaitForReply("b", { body: "b1?" }).on("incomingMessage", second).on("timeout", b2);
    const first = sendAndWaitForReply("a", { body: "1?" }).on("incomingMessage", b1);
    const error = catchCompile(flow({ on: { incomingMessage: first } }));
    expect(error.issues.map((i) => [i.widget, i.message])).toEqual([
      [
        "a",
        'two widgets are named "a": a send-and-wait-for-reply first reached from "Trigger" on "incomingMessage", and a send-message first reached from "b" on "incomingMessage"; give each widget its own name',
      ],
      [
        "b",
        'two widgets are named "b": a send-and-wait-for-reply first reached from "a" on "incomingMessage", and a send-message first reached from "b" on "timeout"; give each widget its own name',
      ],
      [
        "a",
        'two widgets are named "a": a send-and-wait-for-reply first reached from "Trigger" on "incomingMessage", and a send-message first reached from "a" on "sent"; give each widget its own name',
      ],
    ]);
  });

  it("names a widget that clashes with the trigger", () => {
    const error = catchCompile(flow({ on: { incomingCall: sendMessage("Trigger", { body: "x" }) } }));
    expect(error.issues.map((i) => i.message)).toEqual([
      'two widgets are named "Trigger": the flow\'s trigger, and a send-message first reached from "Trigger" on "incomingCall"; give each widget its own name',
    ]);
  });

  it("warns about widgets wired into the flow that nothing reaches, and leaves them out", () => {
    const hello = sendMessage("hello", { body: "Hi" });
    const orphan = sendMessage("orphan", { body: "never sent" }).on("sent", hello);
    sendMessage("grand_orphan", { body: "nor this" }).on("failed", orphan);
    const { definition, issues } = compileWithIssues(flow({ on: { incomingMessage: hello } }));
    expect(definition.states.map((s) => s.name)).toEqual(["Trigger", "hello"]);
    expect(issues).toEqual([
      {
        code: "unreachable",
        severity: "warning",
        path: "states",
        widget: "orphan",
        message:
          'widget "orphan" (send-message) is reachable from nowhere: it leads to "hello" on "sent", but no transition from the trigger reaches it, so it is left out of the compiled flow; wire it from the flow or remove it',
      },
      {
        code: "unreachable",
        severity: "warning",
        path: "states",
        widget: "grand_orphan",
        message:
          'widget "grand_orphan" (send-message) is reachable from nowhere: it leads to "orphan" on "failed", but no transition from the trigger reaches it, so it is left out of the compiled flow; wire it from the flow or remove it',
      },
    ]);
  });

  it("says a widget another one reads exists but that nothing leads to it", () => {
    const ask = sendAndWaitForReply("ask", { body: "Your order number?" });
    // lookup leads into the flow, but nothing leads to lookup.
    const lookup = makeHttpRequest("lookup", { url: "https://example.com/orders" }).on("success", ask);
    ask.on("incomingMessage", sendMessage("reply", { body: liquid`Order ${lookup.parsed.at("id")}` }));
    const { issues } = compileWithIssues(flow({ on: { incomingMessage: ask } }));
    expect(issues.filter((i) => i.code !== "unreachable")).toEqual([
      {
        code: "unreached-widget-reference",
        severity: "warning",
        path: "states[2].properties.body",
        widget: "reply",
        message:
          'Liquid at line 1, column 9 reads widgets.lookup: widget "lookup" (make-http-request) exists but nothing leads to it, so it is not in the compiled flow and this renders empty; wire it into the flow',
      },
    ]);
  });

  it("knows a widget read but wired to nothing when told what the module made", () => {
    const lookup = makeHttpRequest("lookup", { url: "https://example.com/orders" });
    const reply = sendMessage("reply", { body: liquid`Order ${lookup.parsed.at("id")}` });
    const built = flow({ on: { incomingMessage: reply } });
    expect(compileWithIssues(built).issues.map((i) => i.code)).toEqual(["unknown-widget-reference"]);
    expect(compileWithIssues(built, { made: [lookup, reply] }).issues.map((i) => i.code)).toEqual([
      "unreached-widget-reference",
    ]);
  });

  it("ends the execution where a branch targets end", () => {
    const ask = sendAndWaitForReply("ask", { body: "?" });
    ask.on("incomingMessage", splitBasedOn("split", { input: ask.inbound.Body }).when(equalTo("x"), end));
    const split = compile(flow({ on: { incomingMessage: ask } })).states.find((s) => s.name === "split");
    expect(split?.transitions.map((t) => [t.event, t.next])).toEqual([
      ["noMatch", undefined],
      ["match", undefined],
    ]);
  });
});

function catchCompile(f: Flow): CompileError {
  try {
    compile(f);
  } catch (error) {
    if (error instanceof CompileError) return error;
    throw error;
  }
  throw new Error("expected compile to fail");
}
