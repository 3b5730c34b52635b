import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { propertyDiff, startStack, type Stack } from "./harness/stack";

// The Conversations providers through the dynamic-provider plugin over gRPC against the local
// Twilio: create → update → no-op → refresh → replace → delete for each resource.

let stack: Stack;
let flowSid = "";
let otherFlowSid = "";
const definition = {
  description: "d",
  initial_state: "Trigger",
  states: [{ name: "Trigger", type: "trigger", transitions: [], properties: {} }],
};

beforeAll(async () => {
  stack = await startStack();
  const flows = stack.env.client.studio.v2.flows;
  flowSid = (await flows.create({ friendlyName: "f", status: "published", definition })).sid;
  otherFlowSid = (await flows.create({ friendlyName: "g", status: "published", definition })).sid;
});
afterAll(async () => {
  await stack?.close();
});

const store = () => stack.env.emulator.store;
const outputsOf = (r: { state?: { outputs: Record<string, unknown> } | undefined }) => {
  const { __provider: _p, ...outs } = r.state!.outputs;
  return outs;
};

describe("AddressConfiguration", () => {
  const studio = () => ({
    type: "sms",
    address: "+15005550006",
    friendlyName: "bots (sms)",
    autoCreation: { enabled: true, type: "studio", studioFlowSid: flowSid, studioRetryCount: 2 },
  });
  const resource = () => stack.resource("addressConfiguration", "number");
  let address: ReturnType<typeof resource>;

  test("create, then no-op and refresh leave nothing to do", async () => {
    address = resource();
    expect(await address.up(studio())).toBe("create");
    const sid = address.state!.id;
    expect(outputsOf(address)).toEqual({
      sid,
      type: "sms",
      address: "+15005550006",
      friendlyName: "bots (sms)",
      // Twilio's default service SID is not declared, so it stays out of outputs and inputs.
      autoCreation: { enabled: true, type: "studio", studioFlowSid: flowSid, studioRetryCount: 2 },
    });
    expect(store().addressConfigurations.get(sid)?.auto_creation).toMatchObject({ studio_flow_sid: flowSid });
    expect(await address.up(studio())).toBe("same");
    await address.refresh();
    expect(propertyDiff(address.state!.inputs, await address.check(studio()))).toEqual([]);
    expect(await address.preview(studio())).toBe("same");
    // A country Twilio fills in by itself (none was declared) is no reason to replace it.
    store().addressConfigurations.get(sid)!.address_country = "US";
    await address.refresh();
    expect(await address.preview(studio())).toBe("same");
  });

  test("in-place updates: a new flow and retry count, then auto-creation by webhook", async () => {
    const sid = address.state!.id;
    const moved = {
      ...studio(),
      autoCreation: { ...studio().autoCreation, studioFlowSid: otherFlowSid, studioRetryCount: 3 },
    };
    expect(await address.up(moved)).toBe("update");
    expect(store().addressConfigurations.get(sid)?.auto_creation).toMatchObject({
      studio_flow_sid: otherFlowSid,
      studio_retry_count: 3,
    });
    const webhook = {
      ...studio(),
      autoCreation: {
        enabled: true,
        type: "webhook",
        webhookUrl: "https://example.com/hook",
        webhookMethod: "POST",
        webhookFilters: ["onMessageAdded"],
      },
    };
    expect(await address.up(webhook)).toBe("update");
    expect(outputsOf(address)["autoCreation"]).toEqual({
      enabled: true,
      type: "webhook",
      webhookUrl: "https://example.com/hook",
      webhookMethod: "post",
      webhookFilters: ["onMessageAdded"],
    });
    expect(await address.up(webhook)).toBe("same");
  });

  test("a new address replaces the configuration, deleting the old one first", async () => {
    const old = address.state!.id;
    expect(await address.up({ ...studio(), address: "+15005550007" })).toBe("replace");
    expect([...store().addressConfigurations.values()].map((a) => [a.sid === old, a.address])).toEqual([
      [false, "+15005550007"],
    ]);
  });

  test("destroy removes it; a second delete (404) is not an error", async () => {
    const { id, outputs } = address.state!;
    await address.destroy();
    expect(store().addressConfigurations.size).toBe(0);
    await stack.plugin.delete(address.urn, id, outputs);
  });

  test("check names the property and the fix", async () => {
    const checked = await stack.plugin.check(
      resource().urn,
      {},
      {
        __provider: stack.texts.addressConfiguration,
        type: "sms",
        address: "+15005550006",
        autoCreation: { enabled: true, type: "studio" },
      },
    );
    expect(checked.failures).toEqual([
      {
        property: "autoCreation.studioFlowSid",
        reason: 'type "studio" needs studioFlowSid: the flow new conversations are handed to',
      },
    ]);
  });
});

describe("Conversation, Participant and Webhook (the tutorial's manual wiring)", () => {
  const conversation = () => stack.resource("conversation", "chat");
  let chat: ReturnType<typeof conversation>;
  let chatSid = "";

  test("Conversation: generated unique name kept across runs; update; no-op; refresh", async () => {
    chat = conversation();
    expect(await chat.up({ friendlyName: "bots" })).toBe("create");
    chatSid = chat.state!.id;
    const uniqueName = chat.state!.inputs["uniqueName"];
    expect(uniqueName).toMatch(/^studiokit-[0-9a-f]{12}$/);
    expect(outputsOf(chat)).toEqual({
      sid: chatSid,
      chatServiceSid: store().configuration.default_chat_service_sid,
      uniqueName,
      friendlyName: "bots",
    });
    expect(await chat.up({ friendlyName: "bots" })).toBe("same");
    expect(await chat.up({ friendlyName: "bots", attributes: { topic: "bots" } })).toBe("update");
    expect(JSON.parse(store().conversations.get(chatSid)!.attributes)).toEqual({ topic: "bots" });
    await chat.refresh();
    expect(await chat.preview({ friendlyName: "bots", attributes: { topic: "bots" } })).toBe("same");
  });

  const participant = () => stack.resource("participant", "contact");
  let contact: ReturnType<typeof participant>;
  const binding = () => ({
    conversationSid: chatSid,
    messagingBindingAddress: "+15558675310",
    messagingBindingProxyAddress: "+15005550006",
  });

  test("Participant: create, attributes in place, a new proxy address replaces it", async () => {
    contact = participant();
    expect(await contact.up(binding())).toBe("create");
    expect(outputsOf(contact)).toEqual({ sid: contact.state!.id, ...binding() });
    expect(await contact.up(binding())).toBe("same");
    expect(await contact.up({ ...binding(), attributes: { vip: true } })).toBe("update");
    await contact.refresh();
    expect(await contact.preview({ ...binding(), attributes: { vip: true } })).toBe("same");
    const old = contact.state!.id;
    expect(await contact.up({ ...binding(), messagingBindingProxyAddress: "+15005550007" })).toBe("replace");
    expect([...store().participants.keys()]).toEqual([contact.state!.id]);
    expect(contact.state!.id).not.toBe(old);
  });

  const webhook = () => stack.resource("conversationWebhook", "studio-hook");
  let hook: ReturnType<typeof webhook>;

  test("Webhook: studio target, a new flow in place, a new target replaces it", async () => {
    hook = webhook();
    const studio = { conversationSid: chatSid, target: "studio", flowSid };
    expect(await hook.up(studio)).toBe("create");
    expect(outputsOf(hook)).toEqual({ sid: hook.state!.id, ...studio });
    expect(await hook.up(studio)).toBe("same");
    expect(await hook.up({ ...studio, flowSid: otherFlowSid })).toBe("update");
    expect(store().webhooks.get(hook.state!.id)?.configuration["flow_sid"]).toBe(otherFlowSid);
    await hook.refresh();
    expect(await hook.preview({ ...studio, flowSid: otherFlowSid })).toBe("same");
    const trigger = {
      conversationSid: chatSid,
      target: "trigger",
      url: "https://example.com/t",
      triggers: ["bots"],
    };
    expect(await hook.up(trigger)).toBe("replace");
    expect(outputsOf(hook)).toEqual({ sid: hook.state!.id, ...trigger });
    expect([...store().webhooks.keys()]).toEqual([hook.state!.id]);
    await hook.refresh();
    expect(await hook.preview(trigger)).toBe("same");
  });

  test("destroy in dependency order leaves nothing behind; deleting the conversation first is fine too", async () => {
    await hook.destroy();
    await contact.destroy();
    await chat.destroy();
    expect([store().conversations.size, store().participants.size, store().webhooks.size]).toEqual([0, 0, 0]);
  });
});
