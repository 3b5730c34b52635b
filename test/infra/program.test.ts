import fs from "node:fs";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, test } from "vitest";
import type * as Config from "../../infra/config";
import type * as Program from "../../infra/program";
import { compile } from "../../src/compiler";
import tutorialFlow from "../../flows/do-you-like-bots";
import { recordRegistrations, valueOf, type Registration } from "./mocks";

// The Pulumi program under pulumi.runtime.setMocks (no CLI here, toolchain.md §3): the resource
// graph and every input as declared, the wiring between resources, and the stack outputs.

const token = "dev-auth-token-that-must-never-leak-7c1e";
let registrations: Registration[];

let program: typeof Program;
let config: typeof Config;

beforeAll(async () => {
  registrations = await recordRegistrations();
  pulumi.runtime.setAllConfig(
    {
      "twilio:accountSid": "AC" + "0".repeat(32),
      "twilio:authToken": token,
      "studiokit:twilioNumber": "+15005550006",
      "studiokit:studioRetryCount": "2",
    },
    ["twilio:authToken"],
  );
  program = await import("../../infra/program.js");
  config = await import("../../infra/config.js");
});

/** A registration's inputs without the provider text and the output placeholders. */
function declared(r: Registration | undefined): Record<string, unknown> {
  expect(r).toBeDefined();
  const { __provider: _provider, ...inputs } = r!.inputs;
  return inputs;
}
const find = (name: string) => registrations.find((r) => r.name === name);

describe("the tutorial stack", () => {
  test("wiring 1 only (the defaults): a component holding the flow and its address configuration", async () => {
    const stack = config.readStackConfig();
    const outputs = program.deployTutorial(stack, "auto");
    const [flowSid, addressSid] = await Promise.all([
      valueOf(outputs.flowSid),
      valueOf(outputs.addressConfigurationSid!),
    ]);
    const names = registrations.filter((r) => r.name.startsWith("auto")).map((r) => `${r.type}::${r.name}`);
    expect(names).toEqual([
      "studiokit:index:ConversationFlow::auto",
      "pulumi-nodejs:dynamic/studio:Flow::auto-flow",
      "pulumi-nodejs:dynamic/conversations:AddressConfiguration::auto-number",
    ]);
    // The builder flow, compiled: exactly what `studiokit compile flows/do-you-like-bots.ts` writes.
    expect(declared(find("auto-flow"))).toEqual({
      friendlyName: "Do you like bots?",
      status: "published",
      validateWithTwilio: false,
      definition: compile(tutorialFlow),
    });
    expect(declared(find("auto-number"))).toEqual({
      type: "sms",
      address: "+15005550006",
      friendlyName: "Do you like bots? (sms)",
      autoCreation: { enabled: true, type: "studio", studioFlowSid: flowSid, studioRetryCount: 2 },
    });
    expect({
      flowSid,
      flowRevision: await valueOf(outputs.flowRevision),
      flowWebhookUrl: await valueOf(outputs.flowWebhookUrl),
      addressConfigurationSid: addressSid,
      conversationSid: outputs.conversationSid,
    }).toEqual({
      flowSid: expect.stringMatching(/^FW[0-9a-f]{32}$/),
      flowRevision: 1,
      flowWebhookUrl: `https://webhooks.twilio.com/v1/Accounts/AC/Flows/${flowSid}`,
      addressConfigurationSid: expect.stringMatching(/^IG[0-9a-f]{32}$/),
      conversationSid: undefined,
    });
  });

  test("every dynamic resource carries the small provider stub, never the implementation", () => {
    const dynamic = registrations.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
    expect(dynamic.length).toBeGreaterThan(0);
    for (const r of dynamic) {
      const text = r.inputs["__provider"] as string;
      expect(text.length).toBeLessThan(4000);
      expect(text).toContain('relativeDir: "src/providers"');
      expect(text).not.toContain("twilio.RequestClient");
    }
  });

  test("wiring 2 on WhatsApp: conversation, contact participant and studio webhook wired by SID", async () => {
    const stack = config.parseStackConfig({
      twilioNumber: "+15005550006",
      addressType: "whatsapp",
      autoWiring: "false",
      manualWiring: "true",
      contactNumber: "+15558675310",
      flowStatus: "draft",
      testUsers: ["alice"],
    });
    const outputs = program.deployTutorial(stack, "manual");
    const [flowSid, conversationSid] = await Promise.all([
      valueOf(outputs.flowSid),
      valueOf(outputs.conversationSid!),
    ]);
    await valueOf(outputs.conversationWebhookSid!);
    expect(registrations.filter((r) => r.name.startsWith("manual")).map((r) => r.name)).toEqual([
      "manual",
      "manual-flow",
      "manual-conversation",
      "manual-contact",
      "manual-studio-webhook",
    ]);
    expect(declared(find("manual-flow"))).toMatchObject({ status: "draft", testUsers: ["alice"] });
    expect(declared(find("manual-conversation"))).toEqual({
      friendlyName: "Do you like bots? (manual wiring)",
    });
    expect(declared(find("manual-contact"))).toEqual({
      conversationSid,
      messagingBindingAddress: "whatsapp:+15558675310",
      messagingBindingProxyAddress: "whatsapp:+15005550006",
    });
    expect(declared(find("manual-studio-webhook"))).toEqual({ conversationSid, target: "studio", flowSid });
  });

  test("the entry point reads the stack config and exports the outputs", async () => {
    const index = await import("../../infra/index.js");
    expect(await valueOf(index.flowSid)).toMatch(/^FW/);
    expect(await valueOf(index.addressConfigurationSid!)).toMatch(/^IG/);
    expect(index.conversationSid).toBeUndefined();
  });

  test("no registration carries a secret or the auth token (credentials stay in stack config)", () => {
    for (const r of registrations) {
      expect(r.hadSecret).toBe(false);
      expect(JSON.stringify(r.inputs)).not.toContain(token);
    }
  });
});

describe("stack config", () => {
  test("a bad value is one line naming the key, the expectation and how to set it", () => {
    expect(() => config.parseStackConfig({ twilioNumber: "555-1234" })).toThrow(
      new pulumi.RunError(
        "stack config studiokit:twilioNumber: an E.164 phone number such as +15005550006; set it with: pulumi config set studiokit:twilioNumber <value>",
      ),
    );
    expect(() => config.parseStackConfig({})).toThrow(
      new pulumi.RunError(
        "stack config studiokit:twilioNumber: an E.164 phone number such as +15005550006; set it with: pulumi config set studiokit:twilioNumber <value>",
      ),
    );
    expect(() => config.parseStackConfig({ twilioNumber: "+15005550006", manualWiring: "true" })).toThrow(
      "stack config studiokit:contactNumber: manualWiring needs the contact's number",
    );
    expect(() => config.parseStackConfig({ twilioNumber: "+15005550006", autoWiring: "yes" })).toThrow(
      /^stack config studiokit:autoWiring: /,
    );
  });

  test("Pulumi.dev.yaml lists every setting the program and the providers read", () => {
    const text = fs.readFileSync(path.resolve(__dirname, "..", "..", "Pulumi.dev.yaml"), "utf8");
    const listed = [...text.matchAll(/^\s*#?\s*((?:studiokit|twilio):\w+):/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(
      [
        ...Object.keys(config.stackConfigSchema.shape).map((key) => `studiokit:${key}`),
        "twilio:accountSid",
        "twilio:authToken",
        "twilio:apiKey",
        "twilio:apiSecret",
        "twilio:apiBaseUrl",
      ].sort(),
    );
  });

  test("defaults fill everything but the number", () => {
    expect(config.parseStackConfig({ twilioNumber: "+15005550006" })).toEqual({
      flowName: "Do you like bots?",
      flowStatus: "published",
      twilioNumber: "+15005550006",
      addressType: "sms",
      autoWiring: true,
      manualWiring: false,
      conversationName: "Do you like bots? (manual wiring)",
      validateWithTwilio: false,
    });
  });
});
