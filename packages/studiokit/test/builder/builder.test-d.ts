import { describe, expectTypeOf, it } from "vitest";
import {
  contact,
  end,
  flow,
  flowContext,
  gatherInputOnCall,
  liquid,
  makeHttpRequest,
  matchesAnyOf,
  raw,
  runFunction,
  runSubflow,
  addTwimlRedirect,
  setVariables,
  sendAndWaitForReply,
  sendMessage,
  splitBasedOn,
  trigger,
  type Flow,
  type OpenRef,
  type Ref,
  type WidgetProps,
} from "../../src/builder";

const ask = sendAndWaitForReply("ask", { body: "Hi?", timeout: 3600 });
const robot = sendMessage("robot", { body: "🤖" });

describe("transitions", () => {
  it("accept only the widget's legal events", () => {
    ask.on("timeout", robot).on("deliveryFailure", robot);
    // @ts-expect-error send-message has no timeout event
    robot.on("timeout", ask);
    // @ts-expect-error events are spelt as Studio spells them
    ask.on("incoming_message", robot);
    expectTypeOf(robot.on).parameter(0).toEqualTypeOf<"sent" | "failed">();
    expectTypeOf(gatherInputOnCall("g").on).parameter(0).toEqualTypeOf<"keypress" | "speech" | "timeout">();
  });

  it("take widget objects (or end), never names", () => {
    // @ts-expect-error a target is a widget object, not its name
    ask.on("timeout", "robot");
    ask.on("incomingMessage", ask);
    const split = splitBasedOn("split", { input: ask.inbound.Body });
    split.when(matchesAnyOf("yes"), end);
    // @ts-expect-error match transitions are wired with .when()
    split.on("match", robot);
    split.otherwise(robot);
  });

  it("type a raw widget's events from the list given", () => {
    const custom = raw("custom", "some-new-widget", { url: "x" }, ["done", "failed"]);
    custom.on("done", robot);
    // @ts-expect-error "sent" is not among the events listed
    custom.on("sent", robot);
  });
});

describe("props", () => {
  it("are camelCase, with Studio's defaults optional and references welcome", () => {
    expectTypeOf<WidgetProps<"send-message">>().toHaveProperty("mediaUrl");
    sendMessage("m", { body: ask.inbound.Body, to: contact.channel.address, contentSid: "HX1" });
    // @ts-expect-error Studio's snake_case keys belong to the JSON, not the builder
    sendMessage("m", { media_url: "x" });
    // @ts-expect-error body is text, not a number
    sendMessage("m", { body: 42 });
  });

  it("take numbers where Studio writes numeric strings, and keep enums closed", () => {
    sendAndWaitForReply("a", { body: "?", timeout: "60" });
    makeHttpRequest("h", { url: "https://x", method: "POST" });
    // @ts-expect-error method is one of Studio's verbs
    makeHttpRequest("h", { url: "https://x", method: "FETCH" });
    // @ts-expect-error url is required
    makeHttpRequest("h", {});
  });
});

describe("references", () => {
  it("follow what each widget writes", () => {
    expectTypeOf(ask.inbound.Body).toEqualTypeOf<Ref>();
    expectTypeOf(ask.outbound.Sid).toEqualTypeOf<Ref>();
    // @ts-expect-error send-message writes outbound.*, never inbound.*
    void robot.inbound;
    // @ts-expect-error no such key in inbound
    void ask.inbound.Bodyy;
    expectTypeOf(trigger.message.Body).toEqualTypeOf<Ref>();
    expectTypeOf(flowContext.channel.address).toEqualTypeOf<Ref>();
    expectTypeOf(flowContext.variables.at("count")).toEqualTypeOf<OpenRef>();
    expectTypeOf(liquid`Hi ${ask.inbound.Body}`).toEqualTypeOf<string>();
  });

  it("reach a Run Subflow's and a TwiML Redirect's keys with at(), as Studio writes them under widgets.NAME", () => {
    const sub = runSubflow("sub", { flowSid: "FW00000000000000000000000000000001" });
    const back = addTwimlRedirect("back", { url: "https://x.test/twiml" });
    expectTypeOf(sub.at("verified")).toEqualTypeOf<OpenRef>();
    expectTypeOf(back.at("foo", "bar")).toEqualTypeOf<OpenRef>();
    // @ts-expect-error the Subflow's variables are not under a `variables` key
    void sub.variables;
    // @ts-expect-error nor TwiML Redirect's parameters under `params`
    void back.params;
    // @ts-expect-error Set Variables writes flow.variables, nothing under widgets.NAME
    void setVariables("vars", { variables: [] }).variables;
    // @ts-expect-error a widget whose outputs Studio documents has no at()
    void robot.at;
  });

  it("type a declared `parsed` shape, and leave it open otherwise", () => {
    const fn = runFunction<{ order: { id: string; items: string[] } }>("fn", { url: "https://x" });
    expectTypeOf(fn.parsed.order.id).toEqualTypeOf<Ref>();
    // @ts-expect-error not in the declared shape
    void fn.parsed.customer;
    const open = runFunction("open", { url: "https://x" });
    expectTypeOf(open.parsed.at("a", "b")).toEqualTypeOf<OpenRef>();
  });

  it("is not itself text: a widget cannot stand in for a string", () => {
    // @ts-expect-error a widget is not a reference
    sendMessage("m", { body: ask });
  });
});

describe("flow", () => {
  it("wires trigger events by Studio's names and returns a Flow", () => {
    expectTypeOf(flow({ on: { incomingConversationMessage: ask } })).toEqualTypeOf<Flow>();
    // @ts-expect-error not a trigger event
    flow({ on: { incomingSms: ask } });
  });
});
