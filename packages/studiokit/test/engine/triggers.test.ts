import { describe, expect, it } from "vitest";
import { startExecution, triggerInputSchema, EngineInputError } from "../../src/engine";
import { contact, flow, run, start, twilio, widget } from "./helpers";

const waitHere = flow(
  "incomingMessage",
  "hold",
  widget("hold", "send-and-wait-for-reply", { incomingMessage: undefined }, { from: "x", body: "hold" }),
);
/** A flow that parks on every trigger, so the context can be read. */
function parking(event: string) {
  const d = structuredClone(waitHere);
  d.states[0] = widget("Trigger", "trigger", { [event]: "gather" });
  d.states.push(widget("gather", "gather-input-on-call", { keypress: undefined }, {}));
  return d;
}
const FN = "FN00000000000000000000000000000001";
const FW = "FW00000000000000000000000000000001";
const AC = "AC00000000000000000000000000000000";
const flowContext = (address: string, data = {}) => ({
  sid: FN,
  flow_sid: FW,
  channel: { address },
  variables: {},
  data,
});

describe("engine/triggers", () => {
  it("incomingMessage fills trigger.message (extra webhook fields merged) and both addresses", async () => {
    const e = await run(parking("incomingMessage"), {
      event: "incomingMessage",
      from: contact,
      to: twilio,
      body: "hi",
      FromCity: "Oakland",
    });
    expect(e.context).toEqual({
      flow: flowContext(twilio),
      trigger: {
        message: {
          AccountSid: AC,
          MessageSid: "SM00000000000000000000000000000001",
          Body: "hi",
          From: contact,
          To: twilio,
          NumMedia: "0",
          FromCity: "Oakland",
        },
      },
      widgets: {},
      contact: { channel: { address: contact } },
    });
  });

  it("incomingConversationMessage fills trigger.conversation", async () => {
    const e = await run(parking("incomingConversationMessage"), {
      event: "incomingConversationMessage",
      from: contact,
      to: twilio,
      body: "yo",
    });
    expect(e.context.trigger).toEqual({
      conversation: {
        AccountSid: AC,
        ConversationSid: "CH00000000000000000000000000000001",
        MessageSid: "IM00000000000000000000000000000002",
        ParticipantSid: "MB00000000000000000000000000000003",
        Body: "yo",
        Author: contact,
        From: contact,
        DateCreated: start.toISOString(),
        Source: "SMS",
      },
    });
    expect(e.context.contact.channel.address).toBe(contact);
    expect(e.context.flow.channel.address).toBe(twilio);
  });

  it("incomingCall fills trigger.call", async () => {
    const e = await run(parking("incomingCall"), {
      event: "incomingCall",
      from: contact,
      to: twilio,
      CallerCity: "Reno",
    });
    expect(e.context.trigger).toEqual({
      call: {
        AccountSid: AC,
        ApiVersion: "2010-04-01",
        CallSid: "CA00000000000000000000000000000001",
        CallStatus: "ringing",
        Direction: "inbound",
        From: contact,
        Caller: contact,
        To: twilio,
        Called: twilio,
        CallerCity: "Reno",
      },
    });
    expect(e.waitingAt).toBe("gather");
  });

  it("incomingRequest: From is the flow's address, To the contact, Parameters become flow.data", async () => {
    const e = await run(parking("incomingRequest"), {
      event: "incomingRequest",
      from: twilio,
      to: contact,
      parameters: { order: "A1", n: 2 },
    });
    expect(e.context).toEqual({
      flow: flowContext(twilio, { order: "A1", n: 2 }),
      trigger: { request: { from: twilio, to: contact, parameters: { order: "A1", n: 2 } } },
      widgets: {},
      contact: { channel: { address: contact } },
    });
  });

  it("incomingParent: parameters under trigger.parent, the parent's trigger copied in", async () => {
    const e = await run(parking("incomingParent"), {
      event: "incomingParent",
      parameters: { lang: "fr" },
      parentTrigger: { call: { CallSid: "CA9" } },
      from: contact,
      to: twilio,
    });
    expect(e.context.trigger).toEqual({ call: { CallSid: "CA9" }, parent: { parameters: { lang: "fr" } } });
    expect(e.steps[0]).toMatchObject({ name: "incomingParent", transitioned_to: "gather" });
  });

  it("ends at once when the trigger's event has no next", async () => {
    const e = await run(waitHere, { event: "incomingCall", from: contact, to: twilio });
    expect(e.status).toBe("ended");
    expect(e.transcript).toEqual([
      {
        kind: "warning",
        code: "81002",
        widget: "Trigger",
        message: 'widget "Trigger" has no transition for event "incomingCall"',
      },
    ]);
    expect(e.endReason).toEqual({ kind: "noTransition", widget: "Trigger", event: "incomingCall" });
  });

  it("rejects a bad trigger or definition with one line naming the path", async () => {
    expect(
      triggerInputSchema.safeParse({ event: "incomingMessage", from: "a", to: "b", bdy: "x" }).success,
    ).toBe(false);
    await expect(
      startExecution(waitHere, { event: "incomingMessage", from: "", to: twilio }),
    ).rejects.toThrow(
      new EngineInputError("trigger.from: Too small: expected string to have >=1 characters"),
    );
    await expect(
      startExecution({ ...waitHere, states: [] }, { event: "incomingCall", from: "a", to: "b" }),
    ).rejects.toThrow(/^the flow is not a Studio flow definition at states: /);
  });

  it("makes up a fresh FN… execution SID by default", async () => {
    const a = await startExecution(waitHere, { event: "incomingMessage", from: contact, to: twilio });
    const b = await startExecution(waitHere, { event: "incomingMessage", from: contact, to: twilio });
    expect(a.context.flow.sid).toMatch(/^FN[0-9a-f]{32}$/);
    expect(a.context.flow.sid).not.toBe(b.context.flow.sid);
  });
});
