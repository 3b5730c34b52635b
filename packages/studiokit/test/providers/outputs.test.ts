import * as pulumi from "@pulumi/pulumi";
import { beforeAll, expect, test } from "vitest";
import { flow, runFunction, runSubflow, sendMessage } from "../../src/builder";
import { compile } from "../../src/compiler";
import { type FlowDefinition } from "../../src/definition";
import type * as Providers from "../../src/providers";
import { recordRegistrations, valueOf, type Registration } from "./harness/mocks";

// Flows whose definitions hold values only known at deploy time (another flow's SID for a
// run-subflow widget, a Function URL from another stack), under pulumi.runtime.setMocks.

let registrations: Registration[];
let providers: typeof Providers;
beforeAll(async () => {
  registrations = await recordRegistrations();
  providers = await import("../../src/providers/index.js");
});

const trigger = (next: string) => ({
  name: "Trigger",
  type: "trigger",
  transitions: [{ event: "incomingMessage", next }],
  properties: {},
});
const inputsOf = (name: string) => registrations.find((r) => r.name === name)?.inputs;

test("an Output inside a widget property (another flow's SID) reaches the provider resolved", async () => {
  const faq = new providers.StudioFlow("faq", {
    friendlyName: "FAQ",
    definition: { initial_state: "Trigger", states: [{ ...trigger("x"), transitions: [] }] },
  });
  const support = new providers.StudioFlow("support", {
    friendlyName: "Support",
    definition: {
      initial_state: "Trigger",
      states: [
        trigger("ask_faq"),
        {
          name: "ask_faq",
          type: "run-subflow",
          transitions: [],
          properties: { flow_sid: faq.sid, parameters: [] },
        },
      ],
    },
  });
  const [faqSid] = await Promise.all([valueOf(faq.sid), valueOf(support.sid)]);
  expect((inputsOf("support")?.["definition"] as { states: unknown[] }).states[1]).toEqual({
    name: "ask_faq",
    type: "run-subflow",
    transitions: [],
    properties: { flow_sid: faqSid, parameters: [] },
  });
});

test("flowWith: values resolved first, then the flow built from them (a URL inside a longer string)", async () => {
  const functionUrl = pulumi.output("https://bots-1234.twil.io/answer");
  const flow = new providers.StudioFlow("built", {
    friendlyName: "Built",
    definition: providers.flowWith({ url: functionUrl }, ({ url }) => ({
      initial_state: "Trigger",
      states: [
        trigger("call"),
        {
          name: "call",
          type: "make-http-request",
          transitions: [],
          properties: {
            method: "GET",
            url: `${url}?from={{contact.channel.address}}`,
            content_type: "application/json",
          },
        },
      ],
    })),
  });
  await valueOf(flow.sid);
  expect(
    (inputsOf("built")?.["definition"] as { states: Array<{ properties: unknown }> }).states[1]?.properties,
  ).toEqual({
    method: "GET",
    url: "https://bots-1234.twil.io/answer?from={{contact.channel.address}}",
    content_type: "application/json",
  });
});

/** A support flow in the builder: a run-subflow to the FAQ flow, then a Function on the answer. */
function supportFlow(faqSid: string, functionUrl: string) {
  const lookup = runFunction("lookup", { url: functionUrl, parameters: [{ key: "q", value: "faq" }] });
  const sorry = sendMessage("sorry", { body: "Sorry, try again later." });
  const faq = runSubflow("ask_faq", { flowSid: faqSid }).on("completed", lookup).on("failed", sorry);
  lookup.on("fail", sorry);
  return flow({ description: "Support", on: { incomingMessage: faq } });
}
const definitionOf = (name: string) => inputsOf(name)?.["definition"] as FlowDefinition;
const stateOf = (name: string, widget: string) => definitionOf(name).states.find((s) => s.name === widget);

test("a builder flow is compiled when the resource is declared: its compiled definition is the input", async () => {
  const built = flow({ on: { incomingMessage: sendMessage("hello", { body: "Hi" }) } });
  const resource = new providers.StudioFlow("builder", { friendlyName: "B", definition: built });
  await valueOf(resource.sid);
  expect(definitionOf("builder")).toEqual(compile(built));
  expect(stateOf("builder", "hello")?.properties).toEqual({
    offset: expect.any(Object),
    service: "{{trigger.message.InstanceSid}}",
    channel: "{{trigger.message.ChannelSid}}",
    from: "{{flow.channel.address}}",
    to: "{{contact.channel.address}}",
    body: "Hi",
  });
});

test("a Promise of a builder flow is compiled once it resolves (Pulumi would copy it key by key)", async () => {
  const built = flow({ on: { incomingMessage: sendMessage("later", { body: "Hi" }) } });
  const resource = new providers.StudioFlow("promised", {
    friendlyName: "P",
    definition: Promise.resolve(built),
  });
  await valueOf(resource.sid);
  expect(definitionOf("promised")).toEqual(compile(built));
});

test("flowWith and the builder: run-subflow flow_sid and run-function url from other resources' outputs", async () => {
  const faq = new providers.StudioFlow("faq-b", {
    friendlyName: "FAQ",
    definition: flow({ on: { incomingMessage: sendMessage("answer", { body: "42" }) } }),
  });
  const functionUrl = pulumi.output("https://bots-1234.twil.io/lookup");
  const support = new providers.ConversationFlow("support-b", {
    friendlyName: "Support",
    definition: providers.flowWith({ faq: faq.sid, url: functionUrl }, ({ faq, url }) =>
      supportFlow(faq, url),
    ),
    addresses: { sms: { type: "sms", address: "+15005550006" } },
  });
  const [faqSid] = await Promise.all([valueOf(faq.sid), valueOf(support.flowSid)]);
  expect(faqSid).toMatch(/^FW[0-9a-f]{32}$/);
  expect(definitionOf("support-b-flow")).toEqual(
    compile(supportFlow(faqSid, "https://bots-1234.twil.io/lookup")),
  );
  expect(stateOf("support-b-flow", "ask_faq")).toEqual({
    name: "ask_faq",
    type: "run-subflow",
    transitions: [
      { next: "lookup", event: "completed" },
      { next: "sorry", event: "failed" },
    ],
    properties: {
      offset: expect.any(Object),
      flow_sid: faqSid,
      flow_revision: "LatestPublished",
    },
  });
  expect(stateOf("support-b-flow", "lookup")?.properties).toEqual({
    offset: expect.any(Object),
    url: "https://bots-1234.twil.io/lookup",
    parameters: [{ key: "q", value: "faq" }],
  });
});

test("a builder flow that does not compile stops the program: one line per error naming the resource and widget", () => {
  const first = sendMessage("hello", { body: "one" });
  first.on("sent", sendMessage("hello", { body: "two" }));
  const broken = flow({ on: { incomingMessage: first } });
  let thrown: unknown;
  try {
    new providers.StudioFlow("broken", { friendlyName: "B", definition: broken });
  } catch (error) {
    thrown = error;
  }
  // A RunError: the Pulumi CLI prints its message without a stack trace.
  expect(pulumi.RunError.isInstance(thrown)).toBe(true);
  expect((thrown as Error).message).toBe(
    'StudioFlow "broken": the builder flow does not compile\n' +
      'StudioFlow "broken": widget "hello": states: two widgets are named "hello": a send-message first reached from "Trigger" on "incomingMessage", and a send-message first reached from "hello" on "sent"; give each widget its own name',
  );
  expect(registrations.some((r) => r.name === "broken")).toBe(false);
});

test("anything else that is not JSON is refused with the one line saying what a definition is", () => {
  class NotAFlow {
    readonly nodes: unknown[] = [];
  }
  expect(
    () => new providers.StudioFlow("odd", { friendlyName: "B", definition: new NotAFlow() as never }),
  ).toThrow(
    'StudioFlow "odd": definition must be a builder flow (flow({...})) or Studio\'s flow definition JSON, not a NotAFlow',
  );
});

test("ConversationFlow hands each address's new conversations to the flow by its SID", async () => {
  const wired = new providers.ConversationFlow("wired", {
    friendlyName: "Wired",
    definition: { initial_state: "Trigger", states: [{ ...trigger("x"), transitions: [] }] },
    addresses: {
      sms: { type: "sms", address: "+15005550006", studioRetryCount: 1 },
      whatsapp: { type: "whatsapp", address: "whatsapp:+15005550006" },
    },
  });
  const [flowSid, sids] = await Promise.all([valueOf(wired.flowSid), valueOf(wired.addressSids)]);
  expect(Object.keys(sids)).toEqual(["sms", "whatsapp"]);
  const { __provider: _p, ...sms } = inputsOf("wired-sms")!;
  expect(sms).toEqual({
    type: "sms",
    address: "+15005550006",
    autoCreation: { enabled: true, type: "studio", studioFlowSid: flowSid, studioRetryCount: 1 },
  });
  expect(inputsOf("wired-whatsapp")?.["autoCreation"]).toEqual({
    enabled: true,
    type: "studio",
    studioFlowSid: flowSid,
  });
});
