import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parse } from "yaml";
import tutorialFlow from "../../flows/do-you-like-bots";
import { compile } from "../../src/compiler";
import { canonicalDefinition, type FlowDefinition } from "../../src/definition";
import { type ProviderName } from "../../src/providers";
import { startStack, typeTokens, type ProviderTexts, type Stack } from "../providers/harness/stack";

// `pulumi preview` / `pulumi up` as far as this machine allows without the CLI (toolchain.md §2):
// the SDK's own language-host code (cmd/run/run.js) runs infra/index.ts in a plain node process —
// ts-node registered from tsconfig.json exactly as for a `typescript: true` project, type checking
// on, stack config in PULUMI_CONFIG — with the engine replaced by setMocks
// (harness/language-host.js). The provider stubs serialized there are then driven through the
// SDK's dynamic-provider plugin against the local Twilio. Processes run with async execFile (P9).

const root = path.resolve(__dirname, "..", "..");
const token = "host-auth-token-that-must-never-leak-51d2";
const execFileAsync = promisify(execFile);

interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}
interface HostRun {
  readonly registrations: Registration[];
  readonly outputs: Record<string, unknown>;
}

/** Pulumi.dev.yaml's settings as the CLI passes them to the program: every value a string. */
function devStackConfig(): Record<string, string> {
  const file = parse(fs.readFileSync(path.join(root, "Pulumi.dev.yaml"), "utf8")) as {
    config: Record<string, unknown>;
  };
  return Object.fromEntries(Object.entries(file.config).map(([k, v]) => [k, String(v)]));
}

function runHost(config: Record<string, string>, secretKeys: string[] = []) {
  return execFileAsync(process.execPath, ["test/infra/harness/language-host.js"], {
    cwd: root,
    env: {
      ...process.env,
      PULUMI_CONFIG: JSON.stringify(config),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys),
    },
    timeout: 120_000,
  });
}

let host: HostRun;
let configError: { code?: number; stdout: string; stderr: string };
let stack: Stack | undefined;

beforeAll(async () => {
  const [ok, failed] = await Promise.all([
    // The committed dev stack, both wirings on, a token as `pulumi config set --secret` adds it.
    runHost(
      {
        ...devStackConfig(),
        "twilio:authToken": token,
        "studiokit:manualWiring": "true",
        "studiokit:contactNumber": "+15558675310",
      },
      ["twilio:authToken"],
    ),
    runHost({ "studiokit:twilioNumber": "555-1234" }).then(
      () => ({ stdout: "", stderr: "the program ran" }),
      (error: { code?: number; stdout: string; stderr: string }) => error,
    ),
  ]);
  host = JSON.parse(ok.stdout) as HostRun;
  configError = failed;
}, 150_000);
afterAll(async () => {
  await stack?.close();
});

const byName = (name: string) => host.registrations.find((r) => r.name === name)!;
const declared = ({ inputs }: Pick<Registration, "inputs">) => {
  const { __provider: _provider, ...rest } = inputs;
  return rest;
};

test("the language host loads infra/index.ts through ts-node and registers the tutorial stack", () => {
  expect(host.registrations.map((r) => `${r.type}::${r.name}`).sort()).toEqual([
    "pulumi-nodejs:dynamic/conversations:AddressConfiguration::do-you-like-bots-number",
    "pulumi-nodejs:dynamic/conversations:Conversation::do-you-like-bots-conversation",
    "pulumi-nodejs:dynamic/conversations:Participant::do-you-like-bots-contact",
    "pulumi-nodejs:dynamic/conversations:Webhook::do-you-like-bots-studio-webhook",
    "pulumi-nodejs:dynamic/studio:Flow::do-you-like-bots-flow",
    "pulumi:pulumi:Stack::studiokit-dev",
    "studiokit:index:ConversationFlow::do-you-like-bots",
  ]);
  expect(declared(byName("do-you-like-bots-flow"))).toEqual({
    friendlyName: "Do you like bots?",
    status: "published",
    validateWithTwilio: false,
    definition: compile(tutorialFlow),
  });
});

test("the stack outputs are exactly the wirings' outputs: no undefined export to warn about", () => {
  const flowSid = host.outputs["flowSid"];
  expect(host.outputs).toEqual({
    flowSid: expect.stringMatching(/^FW\d{32}$/),
    flowRevision: 1,
    flowWebhookUrl: `https://webhooks.twilio.com/v1/Accounts/AC/Flows/${String(flowSid)}`,
    addressConfigurationSid: expect.stringMatching(/^IG\d{32}$/),
    conversationSid: expect.stringMatching(/^CH\d{32}$/),
    participantSid: expect.stringMatching(/^MB\d{32}$/),
    conversationWebhookSid: expect.stringMatching(/^WH\d{32}$/),
  });
  expect(declared(byName("do-you-like-bots-studio-webhook"))).toEqual({
    conversationSid: host.outputs["conversationSid"],
    target: "studio",
    flowSid,
  });
});

test("every provider is the small stub naming its implementation, and no input holds the token", () => {
  for (const r of host.registrations.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))) {
    const text = r.inputs["__provider"] as string;
    expect(text.length).toBeLessThan(4000);
    expect(text).toMatch(/relativeDir: "src\/providers", name: "\w+"/);
    expect(text).not.toMatch(/zod|RequestClient|validateDefinition/);
  }
  expect(JSON.stringify(host)).not.toContain(token);
});

test("a bad stack setting stops the program with its one line, no stack trace", () => {
  expect(configError).toMatchObject({
    code: 1,
    stdout: "",
    stderr:
      "error: [runtime] stack config studiokit:twilioNumber: an E.164 phone number such as +15005550006; set it with: pulumi config set studiokit:twilioNumber <value>\n",
  });
});

test("the stubs serialized there run the whole stack through the plugin against the local Twilio", async () => {
  const providerOf = (type: string) =>
    (Object.keys(typeTokens) as ProviderName[]).find((name) => typeTokens[name] === type)!;
  const dynamic = host.registrations.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
  const texts = Object.fromEntries(
    dynamic.map((r) => [providerOf(r.type), r.inputs["__provider"] as string]),
  ) as ProviderTexts;
  stack = await startStack({ texts });
  const order = ["flow", "number", "conversation", "contact", "studio-webhook"].map((n) =>
    byName(`do-you-like-bots-${n}`),
  );
  // The mocked engine's SIDs in later resources' inputs become the real ones as each is created.
  const real = new Map<string, string>();
  const resolve = (inputs: Record<string, unknown>) =>
    JSON.parse(
      [...real].reduce(
        (text, [mock, sid]) => text.split(mock).join(sid),
        JSON.stringify(declared({ inputs })),
      ),
    ) as Record<string, unknown>;
  const mockSids = new Map<string, string>([
    ["do-you-like-bots-flow", host.outputs["flowSid"] as string],
    ["do-you-like-bots-number", host.outputs["addressConfigurationSid"] as string],
    ["do-you-like-bots-conversation", host.outputs["conversationSid"] as string],
    ["do-you-like-bots-contact", host.outputs["participantSid"] as string],
    ["do-you-like-bots-studio-webhook", host.outputs["conversationWebhookSid"] as string],
  ]);
  const drivers = order.map((r) => stack!.resource(providerOf(r.type), r.name));
  const steps: string[] = [];
  for (const [i, r] of order.entries()) {
    steps.push(await drivers[i]!.up(resolve(r.inputs)));
    real.set(mockSids.get(r.name)!, drivers[i]!.state!.id);
  }
  for (const [i, r] of order.entries()) steps.push(await drivers[i]!.preview(resolve(r.inputs)));
  expect(steps).toEqual([...Array(5).fill("create"), ...Array(5).fill("same")]);

  const store = stack.env.emulator.store;
  const flowSid = drivers[0]!.state!.id;
  const deployed = [...store.flows.values()].map((f) => f.revisions.at(-1)?.definition as FlowDefinition);
  expect(deployed.map(canonicalDefinition)).toEqual([canonicalDefinition(compile(tutorialFlow))]);
  expect(
    [...store.addressConfigurations.values()].map((a) => [a.address, a.auto_creation.studio_flow_sid]),
  ).toEqual([["+15005550006", flowSid]]);
  expect([...store.webhooks.values()].map((w) => [w.target, w.configuration.flow_sid])).toEqual([
    ["studio", flowSid],
  ]);

  for (const driver of [...drivers].reverse()) await driver.destroy();
  expect(
    [store.flows, store.addressConfigurations, store.conversations, store.participants, store.webhooks].map(
      (m) => m.size,
    ),
  ).toEqual([0, 0, 0, 0, 0]);
});
