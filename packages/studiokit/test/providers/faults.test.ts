import { afterEach, describe, expect, test, vi } from "vitest";
import { emptyTally, runCycles } from "./harness/cycles";
import { startStack, type Stack } from "./harness/stack";
import { authToken } from "../support/emulator";

// The fault soak (30% injected faults) and lost create replies, against the local Twilio with
// fault injection: every provider's cycle through the plugin, counted from the emulator's store.

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const clean = emptyTally();
const consistent = { duplicates: 0, orphans: 0, ghosts: 0, lostUpdates: 0, unreportedUpdates: 0 };

describe("cycles of every resource", () => {
  test("without faults: 0 duplicates, 0 orphans, 0 lost updates, 0 spurious diffs", async () => {
    stack = await startStack();
    const { tallies } = await runCycles(stack, 1);
    for (const tally of Object.values(tallies)) expect(tally).toEqual({ ...clean, cycles: 1 });
  }, 120_000);

  test("with 30% faults (429 with Retry-After, 500, 503, dropped connections, slow replies): still 0 / 0 / 0", async () => {
    stack = await startStack();
    const faults = {
      rate: 0.3,
      kinds: ["429", "500", "503", "drop", "slow"] as const,
      retryAfterSeconds: 0,
      slowMs: 20,
      seed: 20261125,
      // Most lost replies come after Twilio applied the change: the case that makes duplicates.
      dropAfterApplyShare: 0.8,
    };
    const run = await runCycles(stack, 8, { ...faults, kinds: [...faults.kinds] });
    for (const tally of Object.values(run.tallies)) expect(tally).toEqual({ ...clean, cycles: 8 });
    // The faults really happened, including replies lost after the change was applied.
    expect(run.faults).toBeGreaterThan(run.requests * 0.2);
    expect(run.appliedThenDropped).toBeGreaterThan(0);
  }, 120_000);

  test("with 70% of requests dropped: operations may fail, but the store holds exactly what each reported", async () => {
    // The plugin inherits a backoff of about 1 ms (src/providers/runtime/client.ts): it retries a lot.
    vi.stubEnv("STUDIOKIT_RETRY_DELAY_MS", "1");
    stack = await startStack().finally(() => vi.unstubAllEnvs());
    const faults = { rate: 0.7, kinds: ["drop" as const], seed: 70, dropAfterApplyShare: 0.5 };
    const run = await runCycles(stack, 2, faults, 2);
    for (const tally of Object.values(run.tallies)) expect(tally).toMatchObject({ cycles: 2, ...consistent });
    // Whatever failed says so in one line, without the token; the plugin logged no token either.
    const failures = Object.values(run.tallies).flatMap((t) => t.failures);
    for (const text of [...failures, stack.plugin.stderr()]) expect(text).not.toContain(authToken);
    for (const failure of failures) expect(failure).not.toContain("\n");
    expect(run.faults).toBeGreaterThan(run.requests * 0.6);
    expect(run.appliedThenDropped).toBeGreaterThan(0);
  }, 240_000);

  test("every create's reply lost after Twilio applied it: each one adopted, never duplicated", async () => {
    stack = await startStack();
    const store = stack.env.emulator.store;
    await stack.env.client.incomingPhoneNumbers.create({ phoneNumber: "+15005550099" });
    stack.env.emulator.setFaults({
      rate: 1,
      kinds: ["drop"],
      applyTo: "mutations",
      dropAfterApplyShare: 1,
      seed: 1,
    });
    const conversation = stack.resource("conversation", "lost");
    expect(await conversation.up({ uniqueName: "lost-reply" })).toBe("create");
    const flow = stack.resource("studioFlow", "lost");
    const definition = {
      initial_state: "Trigger",
      states: [{ name: "Trigger", type: "trigger", transitions: [], properties: {} }],
    };
    expect(await flow.up({ friendlyName: "lost reply", definition })).toBe("create");
    const address = stack.resource("addressConfiguration", "lost");
    expect(await address.up({ type: "sms", address: "+15005550099" })).toBe("create");
    const conversationSid = conversation.state!.id;
    const participant = stack.resource("participant", "lost");
    const binding = { messagingBindingAddress: "+15558675399", messagingBindingProxyAddress: "+15005550099" };
    expect(await participant.up({ conversationSid, ...binding })).toBe("create");
    const webhook = stack.resource("conversationWebhook", "lost");
    expect(await webhook.up({ conversationSid, target: "studio", flowSid: flow.state!.id })).toBe("create");
    // A number is never created: its "create" is an update, sent again after the lost reply.
    const webhookUrl = String(flow.state!.outputs["webhookUrl"]);
    const phone = stack.resource("phoneNumber", "lost");
    expect(await phone.up({ phoneNumber: "+15005550099", smsUrl: webhookUrl })).toBe("create");
    const dropped = stack.env.emulator.requests.log.filter((r) => r.method === "POST" && r.fault === "drop");
    expect(dropped.map((r) => [r.path.replace(/[A-Z]{2}[0-9a-f]{32}/g, "…"), r.applied])).toEqual([
      ["/v1/Conversations", true],
      ["/v2/Flows", true],
      ["/v1/Configuration/Addresses", true],
      ["/v1/Conversations/…/Participants", true],
      ["/v1/Conversations/…/Webhooks", true],
      ["/2010-04-01/Accounts/…/IncomingPhoneNumbers/….json", true],
    ]);
    expect([
      store.conversations.size,
      store.flows.size,
      store.addressConfigurations.size,
      store.participants.size,
      store.webhooks.size,
    ]).toEqual([1, 1, 1, 1, 1]);
    expect(flow.state!.id).toBe([...store.flows.keys()][0]);
    expect(store.flows.get(flow.state!.id)?.revisions).toHaveLength(1);
    expect(store.incomingPhoneNumbers.get(phone.state!.id)?.sms_url).toBe(webhookUrl);
    expect(phone.state!.outputs["original"]).toMatchObject({ smsUrl: "" });
  }, 120_000);
});
