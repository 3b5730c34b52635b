import { describe, expect, it } from "vitest";
import {
  contact,
  expressionOf,
  flowContext,
  liquid,
  addTwimlRedirect,
  flow,
  runFunction,
  runSubflow,
  sendAndWaitForReply,
  sendMessage,
  setVariables,
  trigger,
  widgets,
} from "../../src/builder";
import { compile } from "../../src/compiler";
import { type FlowDefinition } from "../../src/definition";
import { startExecution } from "../../src/engine";

const ask = sendAndWaitForReply("ask", { body: "Hi?" });
const fn = runFunction("lookup", { url: "https://x.twil.io/lookup" });

describe("Liquid references", () => {
  it("render what a widget writes under widgets.NAME", () => {
    expect(String(ask.inbound.Body)).toBe("{{widgets.ask.inbound.Body}}");
    expect(`${ask.outbound.Sid}`).toBe("{{widgets.ask.outbound.Sid}}");
    expect(expressionOf(fn.status_code)).toBe("widgets.lookup.status_code");
  });

  it("reach any depth of an open output, with bracket access where Liquid needs it", () => {
    expect(String(fn.parsed.at("order", "id"))).toBe("{{widgets.lookup.parsed.order.id}}");
    expect(String(fn.parsed.at("items", 0, "sku"))).toBe("{{widgets.lookup.parsed.items[0].sku}}");
    expect(String(fn.headers.at("x-twilio-function-concurrency"))).toBe(
      '{{widgets.lookup.headers["x-twilio-function-concurrency"]}}',
    );
    expect(String(fn.parsed.at("two words"))).toBe('{{widgets.lookup.parsed["two words"]}}');
    const dotted = fn.parsed as unknown as Record<string, Record<string, unknown>>;
    expect(String(dotted["order"]!["id"])).toBe("{{widgets.lookup.parsed.order.id}}");
  });

  it("typed by a declared parsed shape, render the same", () => {
    const typed = runFunction<{ order: { id: string } }>("typed", { url: "https://x" });
    expect(String(typed.parsed.order.id)).toBe("{{widgets.typed.parsed.order.id}}");
  });

  it("cover the flow, trigger and contact roots", () => {
    expect([
      String(trigger.message.Body),
      String(trigger.call.From),
      String(trigger.request.parameters.at("orderId")),
      String(flowContext.variables.at("count")),
      String(flowContext.data.at("name")),
      String(flowContext.channel.address),
      String(contact.channel.address),
      String(widgets.at("imported", "parsed")),
    ]).toEqual([
      "{{trigger.message.Body}}",
      "{{trigger.call.From}}",
      "{{trigger.request.parameters.orderId}}",
      "{{flow.variables.count}}",
      "{{flow.data.name}}",
      "{{flow.channel.address}}",
      "{{contact.channel.address}}",
      "{{widgets.imported.parsed}}",
    ]);
  });

  it("work inside templates, the liquid tag and JSON", () => {
    expect(liquid`Hi ${ask.inbound.Body}, you are #${3} (${true})`).toBe(
      "Hi {{widgets.ask.inbound.Body}}, you are #3 (true)",
    );
    expect(`Order ${fn.parsed.at("order", "id")}`).toBe("Order {{widgets.lookup.parsed.order.id}}");
    expect(JSON.stringify({ to: contact.channel.address })).toBe('{"to":"{{contact.channel.address}}"}');
  });

  it("are not promises (awaiting a reference does not hang)", async () => {
    expect(String(await Promise.resolve(ask.inbound.Body))).toBe("{{widgets.ask.inbound.Body}}");
  });
});

describe("references to keys that are the run's (Run Subflow, TwiML Redirect)", () => {
  it("render directly under widgets.NAME and read what the engine writes there", async () => {
    const sub = runSubflow("sub", {
      flowSid: "FW00000000000000000000000000000001",
      parameters: [{ key: "n", value: "4" }],
    });
    const back = addTwimlRedirect("back", { url: "https://x.test/twiml" });
    const told = sendMessage("told", {
      body: liquid`${sub.at("greeting")} ${sub.at("order", "id")} ${back.at("foo")}`,
    });
    sub.on("completed", back);
    back.on("return", told);
    expect(String(sub.at("order", "id"))).toBe("{{widgets.sub.order.id}}");
    const child: FlowDefinition = {
      initial_state: "Trigger",
      states: [
        {
          name: "Trigger",
          type: "trigger",
          transitions: [{ event: "incomingParent", next: "vars" }],
          properties: {},
        },
        {
          name: "vars",
          type: "set-variables",
          transitions: [{ event: "next" }],
          properties: {
            variables: [
              { key: "greeting", value: "hi #{{trigger.parent.parameters.n}}" },
              { key: "order", value: '{"id": 7}', parse_as_json: true },
            ],
          },
        },
      ],
    };
    const e = await startExecution(
      compile(flow({ on: { incomingMessage: sub } })),
      { event: "incomingMessage", from: "+15558675310", to: "+15017122661" },
      { subflows: { FW00000000000000000000000000000001: child } },
    );
    await e.callEvent("return", { foo: "bar" });
    expect(e.transcript.flatMap((t) => (t.kind === "send" ? [t.body] : []))).toEqual(["hi #4 7 bar"]);
  });
});

describe("props with references", () => {
  it("render references anywhere in a widget's properties, raw Liquid kept as written", () => {
    const vars = setVariables("vars", {
      variables: [
        { key: "name", value: ask.inbound.Body },
        {
          key: "count",
          value: "{% if flow.variables.count %}{{flow.variables.count | plus: 1}}{% else %}0{% endif %}",
        },
      ],
    });
    const reply = sendMessage("reply", {
      body: liquid`Thanks ${flowContext.variables.at("name")}`,
      to: trigger.message.From,
    });
    const properties = (w: object) =>
      (w as Record<symbol, { properties: unknown }>)[Symbol.for("studiokit.widget.node")]!.properties;
    expect(properties(vars)).toEqual({
      variables: [
        { key: "name", value: "{{widgets.ask.inbound.Body}}" },
        {
          key: "count",
          value: "{% if flow.variables.count %}{{flow.variables.count | plus: 1}}{% else %}0{% endif %}",
        },
      ],
    });
    expect(properties(reply)).toEqual({
      body: "Thanks {{flow.variables.name}}",
      to: "{{trigger.message.From}}",
    });
  });
});
