import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type ProviderTexts, startStack, type Stack } from "./harness/stack";

// What vitest serializes is vite-transformed code; `pulumi up` loads the program through ts-node
// and the package as built JavaScript. This serializes every provider of the built package in a
// plain `node -r ts-node/register` process (async execFile: a sync child would block the local
// Twilio in this process) and drives those texts through the plugin against the local Twilio.

const root = path.resolve(__dirname, "..", "..");
let texts: ProviderTexts;
let stack: Stack;

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", "test/providers/harness/serialize-providers.ts"],
    { cwd: root },
  );
  texts = JSON.parse(stdout) as ProviderTexts;
  stack = await startStack({ texts });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

test("every provider of the built package serializes to a small stub naming its implementation", () => {
  expect(Object.keys(texts).sort()).toEqual([
    "addressConfiguration",
    "conversation",
    "conversationWebhook",
    "participant",
    "phoneNumber",
    "studioFlow",
  ]);
  for (const [name, text] of Object.entries(texts)) {
    expect(text.length).toBeLessThan(4000);
    expect(text).toContain('require("studiokit/pulumi")');
    expect(text).toContain(`name: "${name}"`);
    expect(text).not.toMatch(/zod|RequestClient|validateDefinition/);
  }
});

test("the ts-node texts work through the plugin: a flow and its address configuration, created and deleted", async () => {
  const flow = stack.resource("studioFlow", "plain");
  const definition = {
    initial_state: "Trigger",
    states: [
      { name: "Trigger", type: "trigger", transitions: [{ event: "incomingMessage" }], properties: {} },
    ],
  };
  expect(await flow.up({ friendlyName: "plain", definition })).toBe("create");
  const address = stack.resource("addressConfiguration", "plain");
  const args = {
    type: "sms",
    address: "+15005550006",
    autoCreation: { enabled: true, type: "studio", studioFlowSid: flow.state!.id },
  };
  expect(await address.up(args)).toBe("create");
  expect(await address.up(args)).toBe("same");
  await address.destroy();
  await flow.destroy();
  expect([stack.env.emulator.store.flows.size, stack.env.emulator.store.addressConfigurations.size]).toEqual([
    0, 0,
  ]);
});
