import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compile } from "../../src/compiler";
import tutorial from "../fixtures/project/flows/do-you-like-bots";
import { accountSid, withEmulator, type TestEmulator } from "../support/emulator";

// The tutorial flow deployed to the emulator with both Conversations wirings of
// test/fixtures/seed/README.md, and contacts talking to it over HTTP: whole transcripts as the
// Conversations API lists them, routing, auto-creation, the clock, and what cannot run.

const number = "+15017122661";
const alice = "+15558675310";
const bob = "+15558675311";
const carol = "+15558675312";
const sid = (prefix: string) => expect.stringMatching(new RegExp(`^${prefix}[0-9a-f]{32}$`));

let t: TestEmulator;
let flowSid = "";
beforeEach(async () => {
  t = await withEmulator();
  const flow = await t.client.studio.v2.flows.create({
    friendlyName: "Do you like bots?",
    status: "published",
    definition: compile(tutorial),
  });
  flowSid = flow.sid;
});
afterEach(() => t.emulator.close());

/** Wiring 1: every new conversation on the number is handed to the flow. */
const autoWire = (address = number, flow = flowSid) =>
  t.client.conversations.v1.addressConfigurations.create({
    type: "sms",
    address,
    "autoCreation.enabled": true,
    "autoCreation.type": "studio",
    "autoCreation.studioFlowSid": flow,
  });

/** Wiring 2: one conversation by hand, the contact as SMS participant, a studio webhook. */
async function manualWire(contact: string) {
  const conversations = t.client.conversations.v1.conversations;
  const conversation = await conversations.create({ friendlyName: "Do you like bots? (manual wiring)" });
  await conversations(conversation.sid).participants.create({
    "messagingBinding.address": contact,
    "messagingBinding.proxyAddress": number,
  });
  await conversations(conversation.sid).webhooks.create({
    target: "studio",
    "configuration.flowSid": flowSid,
  });
  return conversation.sid;
}

interface Outcome {
  conversation_sid: string | null;
  conversation_created: boolean;
  executions: Array<{ sid: string; status: string; started: boolean; waiting_at: string | null }>;
  replies: Array<{ body: string; to: string }>;
  notices: string[];
}

async function say(from: string, body: string, to = number): Promise<Outcome> {
  const res = await t.raw("POST", "/studiokit/v1/Inbound", { From: from, To: to, Body: body });
  expect(res.status).toBe(200);
  return res.json as Outcome;
}

/** A conversation as `author: body` lines, in index order, read through the Conversations API. */
async function transcript(conversationSid: string): Promise<string[]> {
  const messages = await t.client.conversations.v1.conversations(conversationSid).messages.list();
  return messages.map((m) => `${m.index} ${m.author}: ${m.body}`);
}

describe("the address-configuration wiring", () => {
  it("creates a conversation for a new contact and runs the tutorial in it", async () => {
    await autoWire();
    const hi = await say(alice, "hi");
    const ch = hi.conversation_sid!;
    const fn = hi.executions[0]!.sid;
    expect(hi).toEqual({
      conversation_sid: sid("CH"),
      conversation_created: true,
      message_sid: sid("IM"),
      executions: [
        {
          sid: sid("FN"),
          flow_sid: flowSid,
          contact_channel_address: alice,
          status: "active",
          started: true,
          waiting_at: "send_and_reply_1",
          last_step: {
            name: "incomingConversationMessage",
            transitioned_from: "Trigger",
            transitioned_to: "send_and_reply_1",
          },
        },
      ],
      replies: [
        {
          from: number,
          to: alice,
          body: "Hi, do you like bots?",
          widget: "send_and_reply_1",
          execution_sid: fn,
          conversation_sid: ch,
          message_sid: sid("IM"),
        },
      ],
      notices: [],
    });
    const yes = await say(alice, "Yes");
    expect(yes).toMatchObject({
      conversation_sid: ch,
      conversation_created: false,
      executions: [{ sid: fn, status: "ended", started: false, waiting_at: null }],
      replies: [{ body: "🤖", widget: "send_message_2" }],
    });
    expect(await transcript(ch)).toEqual([
      `0 ${alice}: hi`,
      "1 system: Hi, do you like bots?",
      `2 ${alice}: Yes`,
      "3 system: 🤖",
    ]);

    // What auto-creation made, as the REST API shows it.
    const conversation = t.client.conversations.v1.conversations(ch);
    const [participant] = await conversation.participants.list();
    expect(participant!.messagingBinding).toEqual({ type: "sms", address: alice, proxy_address: number });
    const webhooks = await conversation.webhooks.list();
    expect(webhooks.map((w) => [w.target, w.configuration])).toEqual([["studio", { flow_sid: flowSid }]]);
    const execution = await t.client.studio.v2.flows(flowSid).executions(fn).fetch();
    const messages = await conversation.messages.list();
    expect({ initiatedBy: execution.initiatedBy, contact: execution.contactChannelAddress }).toEqual({
      initiatedBy: messages[0]!.sid,
      contact: alice,
    });
    expect((execution.context as { trigger: unknown }).trigger).toEqual({
      conversation: {
        AccountSid: accountSid,
        ChatServiceSid: sid("IS"),
        ConversationSid: ch,
        MessagingServiceSid: sid("MG"),
        MessageSid: messages[0]!.sid,
        ParticipantSid: participant!.sid,
        Author: alice,
        From: alice,
        Body: "hi",
        DateCreated: messages[0]!.dateCreated.toISOString().replace(".000Z", "Z"),
        Source: "SMS",
      },
    });
  });

  it("gives each contact a conversation of their own; a finished contact starts over in theirs", async () => {
    await autoWire();
    const aliceHi = await say(alice, "hi");
    const bobHi = await say(bob, "hi");
    expect(bobHi.conversation_sid).not.toBe(aliceHi.conversation_sid);
    expect((await say(bob, "no")).replies.map((r) => r.body)).toEqual(["👽"]);
    expect((await say(alice, "maybe")).replies.map((r) => r.body)).toEqual(["👻"]);
    const again = await say(alice, "hi again");
    expect(again).toMatchObject({
      conversation_sid: aliceHi.conversation_sid,
      conversation_created: false,
      executions: [{ started: true, waiting_at: "send_and_reply_1" }],
    });
    expect(again.executions[0]!.sid).not.toBe(aliceHi.executions[0]!.sid);
    expect(await transcript(bobHi.conversation_sid!)).toEqual([
      `0 ${bob}: hi`,
      "1 system: Hi, do you like bots?",
      `2 ${bob}: no`,
      "3 system: 👽",
    ]);
  });

  it("lets timeouts fire when the clock moves an hour, ending the execution as the flow says", async () => {
    await autoWire();
    const hi = await say(alice, "hi");
    const late = await t.raw("POST", "/studiokit/v1/Clock", { Advance: "3600" });
    expect(late.json).toMatchObject({
      advanced_seconds: 3600,
      executions: [
        {
          sid: hi.executions[0]!.sid,
          status: "ended",
          last_step: { name: "timeout", transitioned_from: "send_and_reply_1", transitioned_to: "Ended" },
        },
      ],
      replies: [],
    });
    // The contact answers too late: that starts a new execution, which asks again.
    expect(await say(alice, "Yes")).toMatchObject({
      executions: [{ started: true, waiting_at: "send_and_reply_1" }],
      replies: [{ body: "Hi, do you like bots?" }],
    });
  });
});

describe("the manual wiring", () => {
  it("routes the participant's messages into its conversation and the flow", async () => {
    await autoWire();
    const ch = await manualWire(carol);
    const hi = await say(carol, "hi");
    expect(hi).toMatchObject({
      conversation_sid: ch,
      conversation_created: false,
      executions: [{ started: true, waiting_at: "send_and_reply_1" }],
      replies: [{ body: "Hi, do you like bots?", to: carol }],
      notices: [],
    });
    expect((await say(carol, "maybe")).replies.map((r) => r.body)).toEqual(["👻"]);
    expect(await transcript(ch)).toEqual([
      `0 ${carol}: hi`,
      "1 system: Hi, do you like bots?",
      `2 ${carol}: maybe`,
      "3 system: 👻",
    ]);
  });

  it("delivers messages posted through the REST API by a participant, not those by anyone else", async () => {
    const ch = await manualWire(carol);
    const messages = t.client.conversations.v1.conversations(ch).messages;
    const posted = await messages.create({ author: carol, body: "hi" });
    expect(posted.toJSON()).toMatchObject({ index: 0, author: carol, participantSid: sid("MB") });
    await messages.create({ author: carol, body: "Yes" });
    await messages.create({ body: "a note from the system" });
    expect(await transcript(ch)).toEqual([
      `0 ${carol}: hi`,
      "1 system: Hi, do you like bots?",
      `2 ${carol}: Yes`,
      "3 system: 🤖",
      "4 system: a note from the system",
    ]);
    const executions = await t.client.studio.v2.flows(flowSid).executions.list();
    expect(executions.map((e) => [e.contactChannelAddress, e.status])).toEqual([[carol, "ended"]]);
    const newest = await messages.list({ order: "desc", limit: 1 });
    expect(newest.map((m) => m.index)).toEqual([4]);
    // Indices only grow: after a deletion the next message skips the freed number.
    await messages(newest[0]!.sid).remove();
    expect((await messages.create({ body: "after the deletion" })).index).toBe(5);
  });
});

describe("what cannot run", () => {
  it("is said plainly: nothing listening, webhooks not called, flows unpublished or deleted", async () => {
    const nobody = await t.raw("POST", "/studiokit/v1/Inbound", {
      From: alice,
      To: "+15005550006",
      Body: "hi",
    });
    expect(nobody).toMatchObject({
      status: 404,
      json: {
        code: 20404,
        message: `nothing receives messages to +15005550006 from ${alice}: add an address configuration for +15005550006 with AutoCreation.Enabled=true, or a conversation with ${alice} as participant (proxy address +15005550006)`,
      },
    });
    const hook = await t.client.conversations.v1.addressConfigurations.create({
      type: "sms",
      address: "+15005550006",
      "autoCreation.enabled": true,
      "autoCreation.type": "webhook",
      "autoCreation.webhookUrl": "https://example.com/hook",
    });
    expect(await say(alice, "hi", "+15005550006")).toMatchObject({
      conversation_created: true,
      executions: [],
      notices: [
        `address configuration ${hook.sid} hands new conversations to https://example.com/hook; the emulator does not call webhooks`,
        expect.stringMatching(
          /^conversation CH[0-9a-f]{32} has no studio webhook; the message was only stored$/,
        ),
      ],
    });
    const draft = await t.client.studio.v2.flows.create({
      friendlyName: "draft",
      status: "draft",
      definition: compile(tutorial),
    });
    await autoWire("+15005550007", draft.sid);
    expect((await say(alice, "hi", "+15005550007")).notices).toEqual([
      `flow ${draft.sid} has no published revision for ${alice} to run; publish it (Status=published) or add ${alice} to its TestUsers`,
    ]);
    await autoWire();
    await say(alice, "hi");
    expect(t.emulator.live.executions.size).toBe(1);
    await t.client.studio.v2.flows(flowSid).remove();
    // Deleting the flow took its waiting execution with it: the answer starts nothing.
    expect(t.emulator.live.executions.size).toBe(0);
    expect((await say(alice, "Yes")).notices).toEqual([`flow ${flowSid} does not exist; nothing ran`]);
  });
});
