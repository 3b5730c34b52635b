import { describe, expect, it } from "vitest";
import { accountSid, rejection } from "../support/emulator";
import { useEmulatorWithTutorial } from "../support/emulator-suite";

const env = useEmulatorWithTutorial();

const defaultService = () => env.t.emulator.store.configuration.default_chat_service_sid;

describe("conversations, participants and scoped webhooks", () => {
  it("creates a conversation in the default service; unique names are unique per service", async () => {
    const conv = await env.t.client.conversations.v1.conversations.create({
      friendlyName: "c1",
      uniqueName: "support-1",
    });
    expect([conv.chatServiceSid, conv.state, conv.attributes, conv.timers, conv.bindings]).toEqual([
      defaultService(),
      "active",
      "{}",
      {},
      {},
    ]);
    expect((await env.t.client.conversations.v1.conversations("support-1").fetch()).sid).toBe(conv.sid);
    expect(
      await rejection(env.t.client.conversations.v1.conversations.create({ uniqueName: "support-1" })),
    ).toEqual({
      status: 409,
      code: 50353,
      message: `Conversation with provided unique name already exists: ${conv.sid}`,
    });
    const service = await env.t.client.conversations.v1.services.create({ friendlyName: "other" });
    const scoped = await env.t.client.conversations.v1
      .services(service.sid)
      .conversations.create({ uniqueName: "support-1" });
    expect(scoped.chatServiceSid).toBe(service.sid);
    expect(await rejection(env.t.client.conversations.v1.conversations(scoped.sid).fetch())).toMatchObject({
      status: 404,
    });
  });

  it("timers come back as the moments they fire; a too-short timer is refused", async () => {
    const conv = await env.t.client.conversations.v1.conversations.create({ "timers.closed": "PT10M" });
    const stored = env.t.emulator.store.conversations.get(conv.sid)!;
    const closesAt = Date.parse(stored.timers["date_closed"]!);
    expect(closesAt - Date.parse(stored.date_created)).toBeGreaterThanOrEqual(600_000 - 1000);
    expect(closesAt - Date.parse(stored.date_created)).toBeLessThanOrEqual(600_000 + 1000);
    expect(
      await rejection(env.t.client.conversations.v1.conversations.create({ "timers.closed": "PT5M" })),
    ).toMatchObject({
      status: 400,
      code: 20001,
    });
  });

  it("adds SMS and chat participants and enforces the binding rules", async () => {
    const conversations = env.t.client.conversations.v1.conversations;
    const conv = await conversations.create({ friendlyName: "wiring" });
    const participants = conversations(conv.sid).participants;
    const sms = await participants.create({
      "messagingBinding.address": "+15551230001",
      "messagingBinding.proxyAddress": "+15005550006",
    });
    expect(sms.toJSON()).toEqual({
      accountSid,
      conversationSid: conv.sid,
      sid: sms.sid,
      identity: null,
      attributes: "{}",
      messagingBinding: { type: "sms", address: "+15551230001", proxy_address: "+15005550006" },
      roleSid: null,
      dateCreated: sms.dateCreated,
      dateUpdated: sms.dateUpdated,
      url: `${env.t.emulator.url}/v1/Conversations/${conv.sid}/Participants/${sms.sid}`,
      lastReadMessageIndex: null,
      lastReadTimestamp: null,
    });
    const agent = await participants.create({ identity: "agent" });
    expect((await participants("agent").fetch()).sid).toBe(agent.sid);
    const other = await conversations.create({ friendlyName: "other" });
    const pair = {
      "messagingBinding.address": "+15551230001",
      "messagingBinding.proxyAddress": "+15005550006",
    };
    expect(await rejection(conversations(other.sid).participants.create(pair))).toEqual({
      status: 409,
      code: 50416,
      message: `Participant and proxy address pair (+15551230001, +15005550006) is already in use by ${sms.sid} in conversation ${conv.sid}`,
    });
    expect(await rejection(participants.create({ identity: "agent" }))).toMatchObject({
      status: 409,
      code: 50433,
    });
    expect(
      await rejection(
        participants.create({
          "messagingBinding.address": "+1555",
          "messagingBinding.proxyAddress": "+1555",
        }),
      ),
    ).toMatchObject({ status: 400, code: 50409 });
    expect(
      await rejection(participants.create({ "messagingBinding.address": "+15551230009" })),
    ).toMatchObject({
      status: 400,
      code: 50412,
    });
    expect(
      await rejection(participants(sms.sid).update({ "messagingBinding.proxyAddress": "+15005550007" })),
    ).toMatchObject({ status: 400, code: 50441 });
    await conversations(conv.sid).update({ state: "closed" });
    expect((await conversations(other.sid).participants.create(pair)).messagingBinding).toEqual({
      type: "sms",
      address: "+15551230001",
      proxy_address: "+15005550006",
    });
    const whatsapp = await participants.create({
      "messagingBinding.address": "whatsapp:+15551230002",
      "messagingBinding.proxyAddress": "whatsapp:+15005550006",
    });
    expect(whatsapp.messagingBinding).toMatchObject({ type: "whatsapp" });
    expect((await participants.list()).map((p) => p.sid)).toEqual([sms.sid, agent.sid, whatsapp.sid]);
  });

  it("attaches studio, webhook and trigger webhooks; at most 5; bad FlowSid is 50367", async () => {
    const conv = await env.t.client.conversations.v1.conversations.create({});
    const hooks = env.t.client.conversations.v1.conversations(conv.sid).webhooks;
    const studio = await hooks.create({
      target: "studio",
      "configuration.flowSid": env.flowSid,
      "configuration.replayAfter": 0,
    });
    expect(studio.toJSON()).toEqual({
      sid: studio.sid,
      accountSid,
      conversationSid: conv.sid,
      target: "studio",
      url: `${env.t.emulator.url}/v1/Conversations/${conv.sid}/Webhooks/${studio.sid}`,
      configuration: { flow_sid: env.flowSid },
      dateCreated: studio.dateCreated,
      dateUpdated: studio.dateUpdated,
    });
    expect(env.t.emulator.store.webhooks.get(studio.sid)!.configuration).toEqual({
      flow_sid: env.flowSid,
      replay_after: 0,
    });
    const hook = await hooks.create({
      target: "webhook",
      "configuration.url": "https://example.com/w",
      "configuration.method": "get",
      "configuration.filters": ["onMessageAdded"],
    });
    expect(hook.configuration).toEqual({
      url: "https://example.com/w",
      method: "get",
      filters: ["onMessageAdded"],
    });
    const updated = await hooks(hook.sid).update({
      "configuration.filters": ["onMessageAdded", "onConversationUpdated"],
    });
    expect(updated.configuration).toEqual({
      url: "https://example.com/w",
      method: "get",
      filters: ["onMessageAdded", "onConversationUpdated"],
    });
    const trigger = await hooks.create({
      target: "trigger",
      "configuration.url": "https://example.com/t",
      "configuration.triggers": ["help", "agent"],
    });
    expect(trigger.configuration).toEqual({
      url: "https://example.com/t",
      method: "post",
      filters: ["help", "agent"],
    });
    expect(
      await rejection(hooks.create({ target: "studio", "configuration.flowSid": "FW" + "0".repeat(32) })),
    ).toEqual({
      status: 400,
      code: 50367,
      message: `Invalid Configuration.FlowSid "FW${"0".repeat(32)}": no such Flow`,
    });
    expect(await rejection(hooks.create({ target: "webhook" }))).toMatchObject({ status: 400, code: 20001 });
    await hooks.create({ target: "studio", "configuration.flowSid": env.flowSid });
    await hooks.create({ target: "studio", "configuration.flowSid": env.flowSid });
    expect(
      await rejection(hooks.create({ target: "studio", "configuration.flowSid": env.flowSid })),
    ).toMatchObject({
      status: 400,
      code: 50361,
    });
    expect((await hooks.list()).length).toBe(5);
  });

  it("deleting a conversation deletes its participants and webhooks", async () => {
    const conv = await env.t.client.conversations.v1.conversations.create({});
    await env.t.client.conversations.v1.conversations(conv.sid).participants.create({ identity: "x" });
    await env.t.client.conversations.v1
      .conversations(conv.sid)
      .webhooks.create({ target: "studio", "configuration.flowSid": env.flowSid });
    const owned = () =>
      [...env.t.emulator.store.participants.values(), ...env.t.emulator.store.webhooks.values()].filter(
        (r) => r.conversation_sid === conv.sid,
      ).length;
    expect(owned()).toBe(2);
    expect(await env.t.client.conversations.v1.conversations(conv.sid).remove()).toBe(true);
    expect(owned()).toBe(0);
  });

  it("finds a message or webhook only under its own conversation", async () => {
    const conversations = env.t.client.conversations.v1.conversations;
    const [mine, other] = [await conversations.create({}), await conversations.create({})];
    const message = await conversations(mine.sid).messages.create({ body: "note" });
    const webhook = await conversations(mine.sid).webhooks.create({
      target: "studio",
      "configuration.flowSid": env.flowSid,
    });
    expect((await conversations(mine.sid).messages(message.sid).fetch()).body).toBe("note");
    expect((await conversations(mine.sid).webhooks(webhook.sid).fetch()).target).toBe("studio");
    const notFound = { status: 404, code: 20404 };
    expect(await rejection(conversations(other.sid).messages(message.sid).fetch())).toMatchObject(notFound);
    expect(await rejection(conversations(other.sid).webhooks(webhook.sid).fetch())).toMatchObject(notFound);
    expect(await rejection(conversations(other.sid).messages(message.sid).remove())).toMatchObject(notFound);
    expect(await rejection(conversations(other.sid).webhooks(webhook.sid).remove())).toMatchObject(notFound);
    expect(env.t.emulator.store.messages.has(message.sid)).toBe(true);
    expect(env.t.emulator.store.webhooks.has(webhook.sid)).toBe(true);
  });

  it("serves the same resources under /v1/Services/{IS} with chat_service_sid", async () => {
    const service = await env.t.client.conversations.v1.services.create({ friendlyName: "scoped" });
    const conv = await env.t.client.conversations.v1.services(service.sid).conversations.create({});
    const hook = await env.t.client.conversations.v1
      .services(service.sid)
      .conversations(conv.sid)
      .webhooks.create({ target: "studio", "configuration.flowSid": env.flowSid });
    expect([hook.chatServiceSid, hook.url]).toEqual([
      service.sid,
      `${env.t.emulator.url}/v1/Services/${service.sid}/Conversations/${conv.sid}/Webhooks/${hook.sid}`,
    ]);
    expect(await env.t.client.conversations.v1.services(service.sid).remove()).toBe(true);
    expect(env.t.emulator.store.conversations.has(conv.sid)).toBe(false);
    expect(env.t.emulator.store.webhooks.has(hook.sid)).toBe(false);
  });
});
