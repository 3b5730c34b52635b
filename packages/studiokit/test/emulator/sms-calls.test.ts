import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FlowDefinition } from "../../src/definition";
import { flow, widget } from "../engine/helpers";
import { accountSid, withEmulator, type TestEmulator } from "../support/emulator";

// Plain SMS and calls to the account's numbers on the local Twilio: a number whose SMS or voice
// webhook is a flow's webhook URL runs the flow's incomingMessage or incomingCall trigger; the
// replies are Messages (`client.messages.list`), the call is a Call (`client.calls.list`), and
// what the flow says on the call is returned by each request and listed by fetching the call.

const number = "+15017122661";
const contact = "+15558675310";
const caller = "+15558675311";
const send = (body: string) => ({
  from: "{{flow.channel.address}}",
  to: "{{contact.channel.address}}",
  body,
});
const sent = (next?: string) => ({ sent: next, failed: undefined });

const orders: FlowDefinition = flow(
  "incomingMessage",
  "ask",
  widget(
    "ask",
    "send-and-wait-for-reply",
    { incomingMessage: "answer", timeout: undefined, deliveryFailure: undefined },
    {
      from: "{{flow.channel.address}}",
      body: "Hi {{trigger.message.From}}, your order number?",
      timeout: "600",
    },
  ),
  widget("answer", "send-message", sent(), send("Order {{widgets.ask.inbound.Body}} ships tomorrow")),
);

const say = (name: string, text: string, next?: string) =>
  widget(name, "say-play", { audioComplete: next }, { say: text });
const ivr: FlowDefinition = flow(
  "incomingCall",
  "menu",
  widget(
    "menu",
    "gather-input-on-call",
    { keypress: "keys", speech: "hours", timeout: "bye" },
    { say: "Press 1 for sales, 2 to leave a message, or say hours", timeout: 5 },
  ),
  widget(
    "keys",
    "split-based-on",
    { noMatch: "bye", match: undefined },
    { input: "{{widgets.menu.Digits}}" },
  ),
  say("hours", "We are open nine to five", "text_hours"),
  widget("text_hours", "send-message", sent(), send("Hours: 9-5")),
  widget(
    "sales",
    "connect-call-to",
    { callCompleted: "thanks", hangup: undefined },
    { noun: "number", to: "+15550001111", caller_id: "{{contact.channel.address}}" },
  ),
  say("thanks", "Thanks for calling"),
  widget(
    "voicemail",
    "record-voicemail",
    { recordingComplete: "thanks", noAudio: "bye", hangup: undefined },
    {},
  ),
  say("bye", "Goodbye"),
);
// The split's two matches (keys 1 and 2), as Studio writes them.
ivr.states.find((s) => s.name === "keys")!.transitions = [
  { event: "noMatch", next: "bye" },
  ...(["1", "2"] as const).map((value, i) => ({
    event: "match",
    next: i === 0 ? "sales" : "voicemail",
    conditions: [
      {
        friendly_name: `pressed ${value}`,
        arguments: ["{{widgets.menu.Digits}}"],
        type: "equal_to" as const,
        value,
      },
    ],
  })),
];

let t: TestEmulator;
let numberSid: string;
const flows: Record<string, { sid: string; webhookUrl: string }> = {};

beforeAll(async () => {
  t = await withEmulator({ numbers: [number] });
  for (const [name, definition] of Object.entries({ orders, ivr })) {
    const created = await t.client.studio.v2.flows.create({
      friendlyName: name,
      status: "published",
      definition,
    });
    flows[name] = { sid: created.sid, webhookUrl: created.webhookUrl };
  }
  numberSid = (await t.client.incomingPhoneNumbers.list({ phoneNumber: number }))[0]!.sid;
  await t.client.incomingPhoneNumbers(numberSid).update({
    smsUrl: flows["orders"]!.webhookUrl,
    voiceUrl: flows["ivr"]!.webhookUrl,
  });
});
afterAll(() => t.emulator.close());

const inbound = (from: string, body: string) =>
  t.raw("POST", "/studiokit/v1/Inbound", { From: from, To: number, Body: body });
const sid = (prefix: string) => expect.stringMatching(new RegExp(`^${prefix}[0-9a-f]{32}$`));

describe("a plain SMS to a number whose SMS webhook is a flow", () => {
  it("runs incomingMessage; the contact's next text continues the execution; replies are Messages, newest first", async () => {
    const first = await inbound(contact, "hi");
    expect(first.status).toBe(200);
    const body = first.json as { message_sid: string; executions: Array<{ sid: string }> };
    expect(body).toMatchObject({
      conversation_sid: null,
      conversation_created: false,
      message_sid: sid("SM"),
      executions: [{ flow_sid: flows["orders"]!.sid, status: "active", started: true, waiting_at: "ask" }],
      replies: [
        {
          from: number,
          to: contact,
          body: `Hi ${contact}, your order number?`,
          widget: "ask",
          message_sid: sid("SM"),
        },
      ],
      notices: [],
    });
    const execution = body.executions[0]!.sid;
    const second = await inbound(contact, "A-1001");
    expect(second.json).toMatchObject({
      executions: [{ sid: execution, status: "ended", started: false }],
      replies: [{ body: "Order A-1001 ships tomorrow" }],
    });
    const replies = await t.client.messages.list({ to: contact });
    expect(replies.map((m) => [m.body, m.from, m.direction, m.status])).toEqual([
      ["Order A-1001 ships tomorrow", number, "outbound-api", "sent"],
      [`Hi ${contact}, your order number?`, number, "outbound-api", "sent"],
    ]);
    const received = await t.client.messages.list({ from: contact });
    expect(received.map((m) => [m.body, m.to, m.direction, m.status, m.numSegments])).toEqual([
      ["A-1001", number, "inbound", "received", "1"],
      ["hi", number, "inbound", "received", "1"],
    ]);
    expect(received[1]!.sid).toBe(body.message_sid);
    expect(Object.entries(received[0]!.toJSON()).filter(([, v]) => v === undefined)).toEqual([]);
    const run = await t.client.studio.v2.flows(flows["orders"]!.sid).executions(execution).fetch();
    expect(run.initiatedBy).toBe(body.message_sid);
    const context = run.context as { trigger: { message: Record<string, string> } };
    expect(context.trigger.message).toMatchObject({
      AccountSid: accountSid,
      MessageSid: body.message_sid,
      SmsSid: body.message_sid,
      SmsStatus: "received",
      From: contact,
      To: number,
      Body: "hi",
      ApiVersion: "2010-04-01",
    });
  });

  it("goes to Conversations instead when an address configuration auto-creates them on the number", async () => {
    const config = await t.client.conversations.v1.addressConfigurations.create({
      type: "sms",
      address: number,
      "autoCreation.enabled": true,
      "autoCreation.type": "studio",
      "autoCreation.studioFlowSid": flows["orders"]!.sid,
    });
    try {
      const reply = await inbound("+15558675320", "hello");
      expect(reply.json).toMatchObject({
        conversation_sid: sid("CH"),
        conversation_created: true,
        message_sid: sid("IM"),
        // The flow runs from incomingConversationMessage, which it does not wire: it ends at once.
        executions: [{ flow_sid: flows["orders"]!.sid, started: true, status: "ended" }],
        replies: [],
      });
      expect(await t.client.messages.list({ from: "+15558675320" })).toEqual([]);
    } finally {
      await t.client.conversations.v1.addressConfigurations(config.sid).remove();
    }
  });

  it("says where the SMS goes when the number's webhook is not a flow of this account", async () => {
    const own = await withEmulator({ numbers: [number] });
    try {
      const [n] = await own.client.incomingPhoneNumbers.list();
      const say = async () =>
        (await own.raw("POST", "/studiokit/v1/Inbound", { From: contact, To: number, Body: "hi" })) as {
          status: number;
          json: { code: number; message: string };
        };
      const cases: Array<[Record<string, string>, string]> = [
        [
          {},
          `number ${number} has no SMS webhook (SmsUrl is empty); point it at a Studio flow's webhook URL`,
        ],
        [
          { SmsUrl: "https://example.com/sms" },
          `number ${number} sends its SMS to https://example.com/sms, not to a Studio flow of this account; the emulator calls no other webhooks`,
        ],
        [
          { SmsUrl: `https://webhooks.twilio.com/v1/Accounts/${accountSid}/Flows/FW${"0".repeat(32)}` },
          `number ${number}'s SmsUrl is Studio flow FW${"0".repeat(32)}, which does not exist in this account`,
        ],
        [
          { SmsApplicationSid: "AP" + "2".repeat(32) },
          `number ${number} hands its SMS to TwiML app AP${"2".repeat(32)} (SmsApplicationSid); the emulator runs no TwiML apps: clear SmsApplicationSid and point SmsUrl at a Studio flow's webhook URL`,
        ],
      ];
      const answers = [];
      for (const [update] of cases) {
        await own.raw(
          "POST",
          `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers/${n!.sid}.json`,
          update,
        );
        const answer = await say();
        answers.push([answer.status, answer.json.code, answer.json.message]);
      }
      expect(answers).toEqual(cases.map(([, message]) => [404, 20404, message]));
    } finally {
      await own.emulator.close();
    }
  });
});

type CallReply = { status: number; json: Record<string, unknown> & { sid: string } };
const dial = async (from = caller, to = number) =>
  (await t.raw("POST", "/studiokit/v1/Calls", { From: from, To: to })) as CallReply;
const onCall = async (callSid: string, form: Record<string, string>) =>
  (await t.raw("POST", `/studiokit/v1/Calls/${callSid}`, form)) as CallReply;
const flowLine = (widget: string, kind: string, text: string) => ({ speaker: "flow", widget, kind, text });

describe("a call to a number whose voice webhook is a flow", () => {
  it("is answered by incomingCall; a keypress is routed; an outside event and the flow's end complete the call", async () => {
    const call = await dial();
    expect(call.status).toBe(201);
    expect(call.json).toEqual({
      sid: sid("CA"),
      from: caller,
      to: number,
      status: "in-progress",
      flow_sid: flows["ivr"]!.sid,
      execution_sid: sid("FN"),
      waiting_at: "menu",
      lines: [flowLine("menu", "say", "Press 1 for sales, 2 to leave a message, or say hours")],
      notices: [],
    });
    const pressed = await onCall(call.json.sid, { Digits: "1" });
    expect(pressed.json).toMatchObject({
      status: "in-progress",
      waiting_at: "sales",
      lines: [
        { speaker: "caller", widget: null, kind: "press", text: "1" },
        flowLine("sales", "dial", "number +15550001111"),
      ],
    });
    const done = await onCall(call.json.sid, { Event: "callCompleted" });
    expect(done.json).toMatchObject({
      status: "completed",
      waiting_at: null,
      lines: [
        { speaker: "caller", kind: "callEvent", text: "callCompleted" },
        flowLine("thanks", "say", "Thanks for calling"),
      ],
    });
    const whole = await t.raw("GET", `/studiokit/v1/Calls/${call.json.sid}`);
    expect((whole.json as { lines: Array<{ text: string }> }).lines.map((l) => l.text)).toEqual([
      "Press 1 for sales, 2 to leave a message, or say hours",
      "1",
      "number +15550001111",
      "callCompleted",
      "Thanks for calling",
    ]);
    const listed = await t.client.calls(call.json.sid).fetch();
    expect(listed.toJSON()).toMatchObject({
      sid: call.json.sid,
      from: caller,
      to: number,
      toFormatted: "(501) 712-2661",
      phoneNumberSid: numberSid,
      direction: "inbound",
      status: "completed",
      duration: "0",
      apiVersion: "2010-04-01",
    });
    expect(Object.entries(listed.toJSON()).filter(([, v]) => v === undefined)).toEqual([]);
  });

  it("takes speech, texts the caller from the call, and hangs up; calls.list shows the calls newest first", async () => {
    const call = await dial("+15558675399");
    const said = await onCall(call.json.sid, { SpeechResult: "what are your hours" });
    expect(said.json).toMatchObject({
      status: "completed",
      lines: [
        { speaker: "caller", kind: "speak", text: "what are your hours" },
        flowLine("hours", "say", "We are open nine to five"),
        flowLine("text_hours", "send", "Hours: 9-5"),
      ],
    });
    expect((await t.client.messages.list({ to: "+15558675399" })).map((m) => m.body)).toEqual(["Hours: 9-5"]);
    const again = await dial("+15558675399");
    const hung = await onCall(again.json.sid, { Status: "completed" });
    expect(hung.json).toMatchObject({
      status: "completed",
      lines: [{ speaker: "caller", kind: "hangup", text: "" }],
    });
    const calls = await t.client.calls.list({ from: "+15558675399" });
    expect(calls.map((c) => [c.sid, c.status])).toEqual([
      [again.json.sid, "completed"],
      [call.json.sid, "completed"],
    ]);
  });

  it("records a voicemail when the outside says the recording is complete", async () => {
    const call = await dial("+15558675398");
    const pressed = await onCall(call.json.sid, { Digits: "2" });
    expect(pressed.json).toMatchObject({
      status: "in-progress",
      waiting_at: "voicemail",
      lines: [{ speaker: "caller", kind: "press", text: "2" }, flowLine("voicemail", "record", "voicemail")],
    });
    const recorded = await onCall(call.json.sid, { Event: "recordingComplete" });
    expect(recorded.json).toMatchObject({
      status: "completed",
      lines: [
        { kind: "callEvent", text: "recordingComplete" },
        flowLine("thanks", "say", "Thanks for calling"),
      ],
    });
    const steps = await t.client.studio.v2
      .flows(flows["ivr"]!.sid)
      .executions(String(call.json["execution_sid"]))
      .steps.list();
    expect(steps.map((s) => `${s.transitionedFrom} -${s.name}-> ${s.transitionedTo}`).reverse()).toContain(
      "voicemail -recordingComplete-> thanks",
    );
  });

  it("refuses what it cannot place or route, in one line", async () => {
    const ended = await dial();
    await onCall(ended.json.sid, { Status: "completed" });
    const replies = [
      await dial(caller, "+15017122699"),
      await dial("555-0100", number),
      await onCall(ended.json.sid, { Digits: "1" }),
      await onCall((await dial()).json.sid, { Digits: "1", SpeechResult: "sales" }),
      await onCall((await dial()).json.sid, { Digits: "1x" }),
      await onCall("CA" + "0".repeat(32), { Digits: "1" }),
    ];
    expect(replies.map((r) => [r.status, r.json["code"], r.json["message"]])).toEqual([
      [
        404,
        20404,
        "+15017122699 is not a number of this account; start the emulator with --number +15017122699 or create it (incomingPhoneNumbers.create)",
      ],
      [400, 20001, 'Invalid parameter From: "555-0100" is not an E.164 number such as +15017122661'],
      [400, 21220, `Call ${ended.json.sid} is not in progress (completed); place a new one`],
      [
        400,
        20001,
        "give exactly one of Digits (keys pressed), SpeechResult (words said), Event (an outcome from outside, such as callCompleted) or Status=completed (hang up)",
      ],
      [400, 20001, 'Invalid parameter Digits: "1x" is not keys of a phone (0-9, *, #, w)'],
      [404, 20404, `The requested resource /studiokit/v1/Calls/CA${"0".repeat(32)} was not found`],
    ]);
  });
});
