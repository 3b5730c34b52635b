import { describe, expect, it } from "vitest";
import { accountSid, rejection } from "../support/emulator";
import { useEmulatorWithTutorial } from "../support/emulator-suite";

const env = useEmulatorWithTutorial();

const defaultService = () => env.t.emulator.store.configuration.default_chat_service_sid;

describe("address configurations", () => {
  it("creates a studio auto-creation config and shows only the studio keys", async () => {
    const config = await env.t.client.conversations.v1.addressConfigurations.create({
      type: "sms",
      address: "+15005550006",
      friendlyName: "tutorial number",
      "autoCreation.enabled": true,
      "autoCreation.type": "studio",
      "autoCreation.studioFlowSid": env.flowSid,
      "autoCreation.studioRetryCount": 2,
    });
    const stored = env.t.emulator.store.addressConfigurations.get(config.sid)!;
    expect(config.toJSON()).toEqual({
      sid: config.sid,
      accountSid,
      type: "sms",
      address: "+15005550006",
      friendlyName: "tutorial number",
      autoCreation: {
        enabled: true,
        type: "studio",
        conversation_service_sid: defaultService(),
        studio_flow_sid: env.flowSid,
        studio_retry_count: 2,
      },
      dateCreated: new Date(stored.date_created),
      dateUpdated: new Date(stored.date_updated!),
      url: `${env.t.emulator.url}/v1/Configuration/Addresses/${config.sid}`,
      addressCountry: null,
    });
    expect(config.sid).toMatch(/^IG[0-9a-f]{32}$/);
  });

  it("updates in place (by SID or by address), switching the type shows that type's keys", async () => {
    const byAddress = env.t.client.conversations.v1.addressConfigurations("+15005550006");
    const updated = await byAddress.update({
      "autoCreation.type": "webhook",
      "autoCreation.webhookUrl": "https://example.com/hook",
      "autoCreation.webhookMethod": "post",
      "autoCreation.webhookFilters": ["onMessageAdded", "onParticipantAdded"],
    });
    expect(updated.autoCreation).toEqual({
      enabled: true,
      type: "webhook",
      conversation_service_sid: defaultService(),
      webhook_url: "https://example.com/hook",
      webhook_method: "POST",
      webhook_filters: ["onMessageAdded", "onParticipantAdded"],
    });
    const back = await env.t.client.conversations.v1
      .addressConfigurations(updated.sid)
      .update({ "autoCreation.type": "studio", "autoCreation.enabled": false });
    expect(back.autoCreation).toEqual({
      enabled: false,
      type: "studio",
      conversation_service_sid: defaultService(),
      studio_flow_sid: env.flowSid,
      studio_retry_count: 2,
    });
    expect([back.type, back.address, back.friendlyName]).toEqual(["sms", "+15005550006", "tutorial number"]);
  });

  it("refuses a second configuration for the same address and bad parameters with 400/20001", async () => {
    const again = env.t.client.conversations.v1.addressConfigurations.create({
      type: "sms",
      address: "+15005550006",
    });
    const existing = [...env.t.emulator.store.addressConfigurations.values()][0]!.sid;
    expect(await rejection(again)).toEqual({
      status: 400,
      code: 20001,
      message: `Address Configuration for +15005550006 already exists: ${existing}`,
    });
    const badFilter = env.t.client.conversations.v1.addressConfigurations.create({
      type: "whatsapp",
      address: "whatsapp:+15005550006",
      "autoCreation.webhookFilters": ["onMessageSent"],
    });
    expect(await rejection(badFilter)).toMatchObject({ status: 400, code: 20001 });
    const badType = await env.t.raw("POST", "/v1/Configuration/Addresses", { Type: "fax", Address: "+1" });
    expect(badType.json).toEqual({
      code: 20001,
      message:
        'Invalid parameter Type: "fax" is not one of sms, whatsapp, messenger, gbm, email, rcs, apple, chat',
      more_info: "https://www.twilio.com/docs/errors/20001",
      status: 400,
    });
  });

  it("lists with the Type filter, deletes, then 404s", async () => {
    const mail = await env.t.client.conversations.v1.addressConfigurations.create({
      type: "email",
      address: "a@example.com",
    });
    expect(mail.autoCreation).toEqual({ enabled: false, type: "default" });
    const emails = await env.t.client.conversations.v1.addressConfigurations.list({ type: "email" });
    expect(emails.map((e) => e.address)).toEqual(["a@example.com"]);
    expect(await env.t.client.conversations.v1.addressConfigurations(mail.sid).remove()).toBe(true);
    expect(
      await rejection(env.t.client.conversations.v1.addressConfigurations(mail.sid).fetch()),
    ).toMatchObject({
      status: 404,
      code: 20404,
    });
  });
});

describe("account and service configuration", () => {
  it("updates the account webhook configuration and the default service", async () => {
    const hooks = await env.t.client.conversations.v1.configuration.webhooks().update({
      method: "POST",
      filters: ["onMessageAdded"],
      postWebhookUrl: "https://example.com/post",
      target: "webhook",
    });
    expect(hooks.toJSON()).toEqual({
      accountSid,
      method: "POST",
      filters: ["onMessageAdded"],
      preWebhookUrl: null,
      postWebhookUrl: "https://example.com/post",
      target: "webhook",
      url: `${env.t.emulator.url}/v1/Configuration/Webhooks`,
    });
    const service = await env.t.client.conversations.v1.services.create({ friendlyName: "new default" });
    const config = await env.t.client.conversations.v1
      .configuration()
      .update({ defaultChatServiceSid: service.sid });
    expect(config.defaultChatServiceSid).toBe(service.sid);
    const conv = await env.t.client.conversations.v1.conversations.create({});
    expect(conv.chatServiceSid).toBe(service.sid);
    expect(await rejection(env.t.client.conversations.v1.services(service.sid).remove())).toMatchObject({
      status: 400,
    });
  });

  it("service webhook configuration starts empty (all null), then updates", async () => {
    const service = await env.t.client.conversations.v1.services.create({ friendlyName: "hooks" });
    const hooks = env.t.client.conversations.v1.services(service.sid).configuration.webhooks();
    expect((await hooks.fetch()).toJSON()).toMatchObject({
      preWebhookUrl: null,
      postWebhookUrl: null,
      filters: null,
      method: null,
    });
    const updated = await hooks.update({
      postWebhookUrl: "https://example.com/p",
      method: "GET",
      filters: ["onMessageAdded"],
    });
    expect([updated.postWebhookUrl, updated.method, updated.filters]).toEqual([
      "https://example.com/p",
      "GET",
      ["onMessageAdded"],
    ]);
  });
});
