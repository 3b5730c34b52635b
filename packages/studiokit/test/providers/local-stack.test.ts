import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDeployError, LocalStack } from "../../src/providers";
import { accountSid, authToken, withEmulator, type TestEmulator } from "../support/emulator";

// LocalStack: what `pulumi up` does for each resource, done directly on the provider
// implementations (what `studiokit dev` and `demo` deploy with), against the local Twilio.

let env: TestEmulator;
beforeAll(async () => {
  env = await withEmulator();
});
afterAll(async () => {
  await env.emulator.close();
});

const flow = (body: string) => ({
  friendlyName: "local",
  definition: {
    initial_state: "Trigger",
    states: [
      {
        name: "Trigger",
        type: "trigger",
        transitions: [{ event: "incomingMessage", next: "hi" }],
        properties: {},
      },
      {
        name: "hi",
        type: "send-message",
        transitions: [{ event: "sent" }, { event: "failed" }],
        properties: { body, from: "{{flow.channel.address}}", to: "{{contact.channel.address}}" },
      },
    ],
  },
});
const revisions = (sid: string) => env.emulator.store.flows.get(sid)?.revisions.length;

describe("LocalStack", () => {
  const connection = () => ({ accountSid, authToken, apiBaseUrl: env.emulator.url });

  it("creates, leaves alone, updates, and deletes what is no longer declared", async () => {
    const stack = new LocalStack(connection());
    const created = await stack.up("bots-flow", "studioFlow", flow("hello"));
    const sid = String(created.outputs["sid"]);
    expect([created.step, revisions(sid)]).toEqual(["create", 1]);
    expect((await stack.up("bots-flow", "studioFlow", flow("hello"))).step).toBe("same");
    expect(revisions(sid)).toBe(1);
    const updated = await stack.up("bots-flow", "studioFlow", flow("hello again"));
    expect([updated.step, updated.outputs["sid"], updated.outputs["revision"], revisions(sid)]).toEqual([
      "update",
      sid,
      2,
      2,
    ]);
    const address = await stack.up("bots-sms", "addressConfiguration", {
      type: "sms",
      address: "+15005550006",
      autoCreation: { enabled: true, type: "studio", studioFlowSid: sid },
    });
    expect(address.step).toBe("create");
    // A new address replaces the configuration, as `pulumi up` would.
    const moved = await stack.up("bots-sms", "addressConfiguration", {
      type: "sms",
      address: "+15005550007",
      autoCreation: { enabled: true, type: "studio", studioFlowSid: sid },
    });
    expect(moved.step).toBe("replace");
    expect([...env.emulator.store.addressConfigurations.values()].map((a) => a.address)).toEqual([
      "+15005550007",
    ]);
    expect(await stack.prune(new Set(["bots-flow"]))).toEqual(["bots-sms"]);
    expect(env.emulator.store.addressConfigurations.size).toBe(0);
    expect(Object.keys(stack.state().resources)).toEqual(["bots-flow"]);
  });

  it("picks up from saved state, and creates again what was deleted behind its back", async () => {
    const first = new LocalStack(connection());
    const sid = String((await first.up("again-flow", "studioFlow", flow("one"))).outputs["sid"]);
    const second = new LocalStack(connection(), JSON.parse(JSON.stringify(first.state())));
    expect((await second.up("again-flow", "studioFlow", flow("one"))).step).toBe("same");
    env.emulator.store.flows.delete(sid);
    const recreated = await second.up("again-flow", "studioFlow", flow("one"));
    expect(recreated.step).toBe("create");
    expect(recreated.outputs["sid"]).not.toBe(sid);
  });

  it("names the resource and the property in one line when the providers refuse it", async () => {
    const stack = new LocalStack(connection());
    await expect(stack.up("bad-sms", "addressConfiguration", { type: "sms", address: "" })).rejects.toEqual(
      new LocalDeployError(
        "bad-sms: address: give the address (a phone number such as +15005550006, whatsapp:+…, an email…)",
      ),
    );
    const wrong = new LocalStack({ accountSid, authToken: "not-the-token", apiBaseUrl: env.emulator.url });
    const error = await wrong.up("denied-flow", "studioFlow", flow("x")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalDeployError);
    expect((error as Error).message).toMatch(/^denied-flow: /);
    expect((error as Error).message).not.toContain("not-the-token");
  });
});
