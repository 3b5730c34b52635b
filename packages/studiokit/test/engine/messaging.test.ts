import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { type FlowDefinition } from "../../src/definition";
import { seedFlowPath } from "../support/fixtures";
import { contact, flow, run, sms, twilio, widget } from "./helpers";

const tutorial = JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as FlowDefinition;
const trigger = { event: "incomingConversationMessage", from: contact, to: twilio, body: "hi" } as const;
const ask = {
  kind: "send",
  widget: "send_and_reply_1",
  from: twilio,
  to: contact,
  body: "Hi, do you like bots?",
};
const answer = (widgetName: string, body: string) => ({
  kind: "send",
  widget: widgetName,
  from: twilio,
  to: contact,
  body,
});

describe("engine/messaging: the tutorial flow", () => {
  it("asks, then waits at the Send & Wait", async () => {
    const e = await run(tutorial, trigger);
    expect({ status: e.status, waitingAt: e.waitingAt, transcript: e.transcript }).toEqual({
      status: "active",
      waitingAt: "send_and_reply_1",
      transcript: [ask],
    });
  });

  it.each([
    ["Yes", "send_message_2", "🤖"],
    ["  no ", "send_message_3", "👽"],
    ["maybe", "send_message_1", "👻"],
  ])("a reply %j ends with %s", async (reply, widgetName, body) => {
    const e = await run(tutorial, trigger);
    await e.reply(reply);
    expect(e.transcript).toEqual([ask, { kind: "reply", body: reply }, answer(widgetName, body)]);
    expect(e.status).toBe("ended");
    expect(e.endReason).toEqual({ kind: "finished", widget: widgetName, event: "sent" });
  });

  it("times out after 3600 s on the simulated clock, not before", async () => {
    const e = await run(tutorial, trigger);
    await e.wait(3599);
    expect(e.status).toBe("active");
    await e.wait(1);
    expect(e.transcript).toEqual([ask, { kind: "wait", seconds: 3599 }, { kind: "wait", seconds: 1 }]);
    expect(e.endReason).toEqual({ kind: "finished", widget: "send_and_reply_1", event: "timeout" });
  });

  it("logs steps shaped like Studio's Execution Steps", async () => {
    const e = await run(tutorial, trigger);
    await e.reply("yes");
    const steps = e.steps.map(({ context: _context, ...step }) => step);
    const fw = "FW00000000000000000000000000000001";
    expect(steps).toEqual([
      {
        name: "incomingConversationMessage",
        transitioned_from: "Trigger",
        transitioned_to: "send_and_reply_1",
        type: "trigger",
        transition_index: 2,
        flow_sid: fw,
      },
      {
        name: "incomingMessage",
        transitioned_from: "send_and_reply_1",
        transitioned_to: "split_1",
        type: "send-and-wait-for-reply",
        transition_index: 0,
        flow_sid: fw,
      },
      {
        name: "match",
        transitioned_from: "split_1",
        transitioned_to: "send_message_2",
        type: "split-based-on",
        transition_index: 1,
        flow_sid: fw,
      },
      {
        name: "sent",
        transitioned_from: "send_message_2",
        transitioned_to: "Ended",
        type: "send-message",
        transition_index: 0,
        flow_sid: fw,
      },
    ]);
    // Each step keeps the context as it was when the step ended.
    expect(e.steps[0]!.context.widgets).toEqual({});
    expect(e.steps[1]!.context.widgets["send_and_reply_1"]).toEqual({
      outbound: {
        AccountSid: "AC00000000000000000000000000000000",
        Sid: "SM00000000000000000000000000000004",
        Body: "Hi, do you like bots?",
        From: twilio,
        To: contact,
        Direction: "outbound-api",
        NumMedia: "0",
        NumSegments: "1",
        ConversationSid: "CH00000000000000000000000000000001",
        Status: "sent",
      },
      inbound: {
        AccountSid: "AC00000000000000000000000000000000",
        MessageSid: "SM00000000000000000000000000000005",
        Body: "yes",
        From: contact,
        To: twilio,
        NumMedia: "0",
        ConversationSid: "CH00000000000000000000000000000001",
      },
    });
    expect(e.steps[3]!.context.widgets["send_message_2"]?.["outbound"]).toMatchObject({
      Body: "🤖",
      Status: "sent",
    });
  });
});

const sendFlow = flow(
  "incomingMessage",
  "notify",
  widget(
    "notify",
    "send-message",
    { sent: "after", failed: "sorry" },
    {
      from: "{{flow.channel.address}}",
      to: "{{contact.channel.address}}",
      body: "Order {{trigger.message.Body}} shipped",
      media_url: "https://example.com/a.png",
    },
  ),
  widget(
    "after",
    "send-message",
    { sent: undefined, failed: undefined },
    { from: "{{flow.channel.address}}", body: "bye" },
  ),
  widget(
    "sorry",
    "send-message",
    { sent: undefined, failed: undefined },
    { from: "{{flow.channel.address}}", to: "+15550000000", body: "could not reach you" },
  ),
);

describe("engine/messaging: Send Message", () => {
  it("renders Liquid, defaults `to` to the contact and takes `sent`", async () => {
    const e = await run(sendFlow, sms("42"));
    expect(e.transcript).toEqual([
      {
        kind: "send",
        widget: "notify",
        from: twilio,
        to: contact,
        body: "Order 42 shipped",
        mediaUrl: "https://example.com/a.png",
      },
      { kind: "send", widget: "after", from: twilio, to: contact, body: "bye" },
    ]);
    expect(e.context.widgets["notify"]?.["outbound"]).toMatchObject({
      Status: "sent",
      NumMedia: "1",
      To: contact,
    });
  });

  it("takes `failed` when the messaging adapter refuses, with warning 81011", async () => {
    const e = await run(sendFlow, sms("42"), {
      mocks: {
        messages: [{ to: contact, status: "failed", code: 21211, message: "Invalid 'To' Phone Number" }],
      },
    });
    expect(e.transcript).toEqual([
      {
        kind: "warning",
        code: "81011",
        widget: "notify",
        message: `widget "notify" failed to send to ${contact}: Invalid 'To' Phone Number`,
      },
      { kind: "send", widget: "sorry", from: twilio, to: "+15550000000", body: "could not reach you" },
    ]);
    expect(e.context.widgets["notify"]?.["outbound"]).toMatchObject({ Status: "failed", ErrorCode: "21211" });
  });

  it("fails without asking the adapter when there is nothing to send", async () => {
    const empty = flow(
      "incomingMessage",
      "blank",
      widget(
        "blank",
        "send-message",
        { sent: undefined, failed: undefined },
        { from: "x", body: "{{flow.variables.none}}" },
      ),
    );
    const e = await run(empty, sms());
    expect(e.transcript).toEqual([
      {
        kind: "warning",
        code: "81011",
        widget: "blank",
        message: 'widget "blank" has no body, media or content template to send',
      },
    ]);
    expect(e.endReason).toEqual({ kind: "finished", widget: "blank", event: "failed" });
  });

  it("treats an adapter that throws as a failed send", async () => {
    const e = await run(sendFlow, sms("1"), {
      adapters: { messaging: () => Promise.reject(new Error("socket hang up")) },
    });
    expect(e.endReason).toEqual({ kind: "finished", widget: "sorry", event: "failed" });
  });
});

const waitFlow = flow(
  "incomingMessage",
  "ask",
  widget(
    "ask",
    "send-and-wait-for-reply",
    { incomingMessage: "thanks", timeout: "late", deliveryFailure: "lost" },
    { from: "{{flow.channel.address}}", body: "Name?", timeout: "60" },
  ),
  widget(
    "thanks",
    "send-message",
    { sent: undefined, failed: undefined },
    {
      from: "{{flow.channel.address}}",
      body: "Hi {{widgets.ask.inbound.Body}} ({{widgets.ask.inbound.FromCity}})",
    },
  ),
  widget(
    "late",
    "send-message",
    { sent: undefined, failed: undefined },
    { from: "{{flow.channel.address}}", body: "Too late" },
  ),
  widget(
    "lost",
    "set-variables",
    { next: undefined },
    { variables: [{ key: "lost", value: "{{widgets.ask.outbound.Status}}" }] },
  ),
);
const askEntry = { kind: "send", widget: "ask", from: twilio, to: contact, body: "Name?" };

describe("engine/messaging: Send & Wait For Reply", () => {
  it("puts the reply and its extra webhook fields under inbound", async () => {
    const e = await run(waitFlow, sms());
    await e.reply("Ada", { FromCity: "London" });
    expect(e.transcript).toEqual([
      askEntry,
      { kind: "reply", body: "Ada" },
      { kind: "send", widget: "thanks", from: twilio, to: contact, body: "Hi Ada (London)" },
    ]);
  });

  it("honours its own timeout property", async () => {
    const e = await run(waitFlow, sms());
    await e.wait(61);
    expect(e.transcript).toEqual([
      askEntry,
      { kind: "wait", seconds: 61 },
      { kind: "send", widget: "late", from: twilio, to: contact, body: "Too late" },
    ]);
  });

  it("takes deliveryFailure when told the message was not delivered", async () => {
    const e = await run(waitFlow, sms());
    await e.deliveryFailure();
    expect(e.variables).toEqual({ lost: "undelivered" });
  });

  it("takes deliveryFailure as an event from Twilio, but not its reply or its timer", async () => {
    const e = await run(waitFlow, sms());
    await e.callEvent("timeout");
    await e.callEvent("incomingMessage");
    expect(e.waitingAt).toBe("ask");
    expect(e.warnings.map((w) => w.code)).toEqual(["81002", "81002"]);
    await e.callEvent("deliveryFailure");
    expect(e.variables).toEqual({ lost: "undelivered" });
  });

  it("takes deliveryFailure when the send itself fails", async () => {
    const e = await run(waitFlow, sms(), { mocks: { messages: [{ body: "Name", status: "failed" }] } });
    expect(e.variables).toEqual({ lost: "failed" });
  });

  it("ignores input it cannot take (81002) and keeps waiting", async () => {
    const e = await run(waitFlow, sms());
    await e.press("1");
    expect(e.waitingAt).toBe("ask");
    expect(e.transcript.slice(1)).toEqual([
      { kind: "press", digits: "1" },
      {
        kind: "warning",
        code: "81002",
        widget: "ask",
        message: 'the press is not an event widget "ask" can take now; it is ignored',
      },
    ]);
  });
});
