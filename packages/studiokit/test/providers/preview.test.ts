import { afterAll, beforeAll, expect, test } from "vitest";
import { compile } from "../../src/compiler";
import { canonicalDefinition, type FlowDefinition } from "../../src/definition";
import {
  previewProgram,
  ProgramError,
  readStackSettings,
  type PreviewResult,
  type ProviderName,
} from "../../src/providers";
import bots from "../fixtures/project/flows/do-you-like-bots";
import hours from "../fixtures/project/flows/opening-hours";
import { projectDir } from "../support/fixtures";
import { startStack, typeTokens, type ProviderTexts, type Stack } from "./harness/stack";

// `pulumi preview` / `pulumi up` as far as this machine allows without the CLI: previewProgram
// runs the fixture project's infra/index.ts through the SDK's own language-host code (ts-node
// from the project's tsconfig.json, type checking on, stack config in PULUMI_CONFIG) with the
// engine replaced by mocks. The provider stubs serialized there are then driven through the SDK's
// dynamic-provider plugin against the local Twilio, loading the installed package's built code.

const token = "host-auth-token-that-must-never-leak-51d2";

let host: PreviewResult;
let configError: unknown;
let stack: Stack | undefined;

beforeAll(async () => {
  const { config } = readStackSettings(projectDir);
  [host, configError] = await Promise.all([
    previewProgram({
      projectDir,
      config: { ...config, "twilio:authToken": token },
      secretKeys: ["twilio:authToken"],
    }),
    previewProgram({
      projectDir,
      config: { "studiokit:flows": [{ file: "flows/do-you-like-bots.ts", addresses: [{ address: "" }] }] },
      transpileOnly: true,
    }).then(
      () => new Error("the program ran"),
      (error: unknown) => error,
    ),
  ]);
}, 150_000);
afterAll(async () => {
  await stack?.close();
});

const byName = (name: string) => host.registrations.find((r) => r.name === name)!;
const declared = ({ inputs }: { inputs: Record<string, unknown> }) => {
  const { __provider: _provider, ...rest } = inputs;
  return rest;
};
const dynamic = () => host.registrations.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));

test("the language host loads infra/index.ts through ts-node and registers every flow the stack lists", () => {
  expect(host.registrations.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
    "pulumi-nodejs:dynamic/api:PhoneNumber::opening-hours-number-15017122661",
    "pulumi-nodejs:dynamic/conversations:AddressConfiguration::do-you-like-bots-sms-15005550006",
    "pulumi-nodejs:dynamic/conversations:Conversation::do-you-like-bots-sms-15558675310-conversation",
    "pulumi-nodejs:dynamic/conversations:Participant::do-you-like-bots-sms-15558675310-contact",
    "pulumi-nodejs:dynamic/conversations:Webhook::do-you-like-bots-sms-15558675310-studio-webhook",
    "pulumi-nodejs:dynamic/studio:Flow::do-you-like-bots-flow",
    "pulumi-nodejs:dynamic/studio:Flow::opening-hours-flow",
    "pulumi:pulumi:Stack::fixture-project-dev",
    "studiokit:index:ConversationFlow::do-you-like-bots",
    "studiokit:index:ConversationFlow::opening-hours",
  ]);
  expect(declared(byName("do-you-like-bots-flow"))).toEqual({
    friendlyName: "Do you like bots?",
    status: "published",
    validateWithTwilio: false,
    strict: false,
    definition: compile(bots),
  });
  expect(declared(byName("opening-hours-flow"))).toMatchObject({
    status: "draft",
    strict: true,
    definition: compile(hours),
  });
  const hoursOutputs = host.outputs["opening-hours"] as Record<string, unknown>;
  expect(declared(byName("opening-hours-number-15017122661"))).toEqual({
    phoneNumber: "+15017122661",
    voiceUrl: hoursOutputs["flowWebhookUrl"],
  });
});

test("the stack outputs are one object per flow, holding only the wirings it has", () => {
  const bots = host.outputs["do-you-like-bots"] as Record<string, unknown>;
  expect(host.outputs).toEqual({
    "do-you-like-bots": {
      flowSid: expect.stringMatching(/^FW\d{32}$/),
      flowRevision: 1,
      flowWebhookUrl: `https://webhooks.twilio.com/v1/Accounts/AC/Flows/${String(bots["flowSid"])}`,
      addressConfigurationSids: { "sms-15005550006": expect.stringMatching(/^IG\d{32}$/) },
      conversations: {
        "sms-15558675310": {
          conversationSid: expect.stringMatching(/^CH\d{32}$/),
          participantSid: expect.stringMatching(/^MB\d{32}$/),
          webhookSid: expect.stringMatching(/^WH\d{32}$/),
        },
      },
    },
    "opening-hours": {
      flowSid: expect.stringMatching(/^FW\d{32}$/),
      flowRevision: 1,
      flowWebhookUrl: expect.stringMatching(/\/Flows\/FW\d{32}$/),
      phoneNumberSids: { "15017122661": expect.stringMatching(/^PN\d{32}$/) },
    },
  });
});

test("every provider is the small stub that requires the installed package, and no input holds the token", () => {
  for (const r of dynamic()) {
    const text = r.inputs["__provider"] as string;
    expect(text.length).toBeLessThan(4000);
    expect(text).toContain('require("studiokit/pulumi")');
    expect(text).toMatch(/name: "\w+"/);
    expect(text).not.toMatch(/zod|RequestClient|validateDefinition|fixtures/);
  }
  expect(JSON.stringify(host)).not.toContain(token);
});

test("a bad stack setting stops the program with its one line, no stack trace", () => {
  expect(configError).toBeInstanceOf(ProgramError);
  expect((configError as Error).message).toBe(
    "error: [runtime] stack config studiokit:flows[0].addresses[0].address: give the address, such as +15005550006",
  );
});

test("the stubs serialized there run the whole stack through the plugin against the local Twilio", async () => {
  const providerOf = (type: string) =>
    (Object.keys(typeTokens) as ProviderName[]).find((name) => typeTokens[name] === type)!;
  const texts = Object.fromEntries(
    dynamic().map((r) => [providerOf(r.type), r.inputs["__provider"] as string]),
  ) as ProviderTexts;
  stack = await startStack({ texts, numbers: ["+15017122661"] });
  const order = [
    "do-you-like-bots-flow",
    "opening-hours-flow",
    "do-you-like-bots-sms-15005550006",
    "do-you-like-bots-sms-15558675310-conversation",
    "do-you-like-bots-sms-15558675310-contact",
    "do-you-like-bots-sms-15558675310-studio-webhook",
    "opening-hours-number-15017122661",
  ].map(byName);
  // The mocked engine's SIDs in later resources' inputs become the real ones as each is created.
  const real = new Map<string, string>();
  const resolve = (inputs: Record<string, unknown>) =>
    JSON.parse(
      [...real].reduce(
        (text, [mock, sid]) => text.split(mock).join(sid),
        JSON.stringify(declared({ inputs })),
      ),
    ) as Record<string, unknown>;
  const mockSid = (name: string) => {
    const sids = JSON.stringify(host.outputs);
    const index = host.registrations.findIndex((r) => r.name === name) + 1;
    const sid = new RegExp(`"([A-Z]{2}${String(index).padStart(32, "0")})"`).exec(sids)?.[1];
    expect(sid, name).toBeDefined();
    return sid!;
  };
  const drivers = order.map((r) => stack!.resource(providerOf(r.type), r.name));
  const steps: string[] = [];
  for (const [i, r] of order.entries()) {
    steps.push(await drivers[i]!.up(resolve(r.inputs)));
    const { id, outputs } = drivers[i]!.state!;
    // A flow's webhook URL (the mock's names account "AC") first, then every SID.
    if (typeof outputs["webhookUrl"] === "string")
      real.set(`https://webhooks.twilio.com/v1/Accounts/AC/Flows/${mockSid(r.name)}`, outputs["webhookUrl"]);
    real.set(mockSid(r.name), id);
  }
  for (const [i, r] of order.entries()) steps.push(await drivers[i]!.preview(resolve(r.inputs)));
  expect(steps).toEqual([...Array(7).fill("create"), ...Array(7).fill("same")]);

  const store = stack.env.emulator.store;
  const flowSid = drivers[0]!.state!.id;
  const deployed = [...store.flows.values()].map((f) => f.revisions.at(-1)?.definition as FlowDefinition);
  expect(deployed.map(canonicalDefinition)).toEqual([
    canonicalDefinition(compile(bots)),
    canonicalDefinition(compile(hours)),
  ]);
  expect(
    [...store.addressConfigurations.values()].map((a) => [a.address, a.auto_creation.studio_flow_sid]),
  ).toEqual([["+15005550006", flowSid]]);
  expect([...store.webhooks.values()].map((w) => [w.target, w.configuration.flow_sid])).toEqual([
    ["studio", flowSid],
  ]);
  expect([...store.incomingPhoneNumbers.values()].map((n) => [n.phone_number, n.voice_url])).toEqual([
    ["+15017122661", drivers[1]!.state!.outputs["webhookUrl"]],
  ]);

  for (const driver of [...drivers].reverse()) await driver.destroy();
  expect(
    [store.flows, store.addressConfigurations, store.conversations, store.participants, store.webhooks].map(
      (m) => m.size,
    ),
  ).toEqual([0, 0, 0, 0, 0]);
  // The number stays in the account, with its voice webhook as it was.
  expect([...store.incomingPhoneNumbers.values()].map((n) => [n.phone_number, n.voice_url])).toEqual([
    ["+15017122661", ""],
  ]);
});
