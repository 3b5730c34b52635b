import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { compile } from "../../src/compiler";
import {
  deployProject,
  parseProjectConfig,
  ProjectError,
  readProjectConfig,
  readStackSettings,
} from "../../src/providers";
import bots from "../fixtures/project/flows/do-you-like-bots";
import hours from "../fixtures/project/flows/opening-hours";
import { projectDir } from "../support/fixtures";
import { recordRegistrations, valueOf, type Registration } from "./harness/mocks";

// deployProject, the program a project's infra/index.ts is, under pulumi.runtime.setMocks: the
// resource graph every stack setting declares, the wiring by SID, the outputs per flow, and the
// one-line errors for a project it cannot deploy.

const token = "project-auth-token-that-must-never-leak-3f9a";
let registrations: Registration[];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-project-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

beforeAll(async () => {
  registrations = await recordRegistrations();
  pulumi.runtime.setAllConfig(
    {
      "twilio:accountSid": "AC" + "0".repeat(32),
      "twilio:authToken": token,
      "studiokit:flows": JSON.stringify(readStackSettings(projectDir).config["studiokit:flows"]),
    },
    ["twilio:authToken"],
  );
});

/** A registration's inputs without the provider text. */
function declared(name: string): Record<string, unknown> {
  const found = registrations.find((r) => r.name === name);
  expect(found, name).toBeDefined();
  const { __provider: _provider, ...inputs } = found!.inputs;
  return inputs;
}
/** Registrations arrive in the order their providers finish serializing: compare them sorted. */
const namesOf = (prefix: string) =>
  registrations
    .filter((r) => r.name.startsWith(prefix))
    .map((r) => `${r.type}::${r.name}`)
    .sort();

describe("deployProject on the fixture project's dev stack", () => {
  let outputs: ReturnType<typeof deployProject>;
  beforeAll(() => {
    outputs = deployProject(readProjectConfig(), { projectDir });
  });

  test("each flow is a component with its flow, its address configurations and its conversations", async () => {
    await valueOf(outputs["do-you-like-bots"]!.conversations!["sms-15558675310"]!.webhookSid);
    expect(namesOf("do-you-like-bots")).toEqual([
      "pulumi-nodejs:dynamic/conversations:AddressConfiguration::do-you-like-bots-sms-15005550006",
      "pulumi-nodejs:dynamic/conversations:Conversation::do-you-like-bots-sms-15558675310-conversation",
      "pulumi-nodejs:dynamic/conversations:Participant::do-you-like-bots-sms-15558675310-contact",
      "pulumi-nodejs:dynamic/conversations:Webhook::do-you-like-bots-sms-15558675310-studio-webhook",
      "pulumi-nodejs:dynamic/studio:Flow::do-you-like-bots-flow",
      "studiokit:index:ConversationFlow::do-you-like-bots",
    ]);
    expect(namesOf("opening-hours")).toEqual([
      "pulumi-nodejs:dynamic/api:PhoneNumber::opening-hours-number-15017122661",
      "pulumi-nodejs:dynamic/studio:Flow::opening-hours-flow",
      "studiokit:index:ConversationFlow::opening-hours",
    ]);
  });

  test("the flows are the builder modules compiled, with the settings of their entries", () => {
    expect(declared("do-you-like-bots-flow")).toEqual({
      friendlyName: "Do you like bots?",
      status: "published",
      validateWithTwilio: false,
      strict: false,
      definition: compile(bots),
    });
    expect(declared("opening-hours-flow")).toEqual({
      friendlyName: "Opening hours",
      status: "draft",
      validateWithTwilio: false,
      strict: true,
      definition: compile(hours),
    });
  });

  test("the wiring points at the flow by SID", async () => {
    const flowSid = await valueOf(outputs["do-you-like-bots"]!.flowSid);
    const conversation = outputs["do-you-like-bots"]!.conversations!["sms-15558675310"]!;
    const conversationSid = await valueOf(conversation.conversationSid);
    expect(declared("do-you-like-bots-sms-15005550006")).toEqual({
      type: "sms",
      address: "+15005550006",
      friendlyName: "Do you like bots? (sms)",
      autoCreation: { enabled: true, type: "studio", studioFlowSid: flowSid, studioRetryCount: 2 },
    });
    expect(declared("do-you-like-bots-sms-15558675310-conversation")).toEqual({
      friendlyName: "Do you like bots? with +15558675310",
    });
    expect(declared("do-you-like-bots-sms-15558675310-contact")).toEqual({
      conversationSid,
      messagingBindingAddress: "+15558675310",
      messagingBindingProxyAddress: "+15005550006",
    });
    expect(declared("do-you-like-bots-sms-15558675310-studio-webhook")).toEqual({
      conversationSid,
      target: "studio",
      flowSid,
    });
    expect(declared("opening-hours-number-15017122661")).toEqual({
      phoneNumber: "+15017122661",
      voiceUrl: await valueOf(outputs["opening-hours"]!.flowWebhookUrl),
    });
  });

  test("the outputs are keyed by flow, with only the wirings each flow has", async () => {
    const resolved = async (flow: string) => {
      const o = outputs[flow]!;
      return {
        flowSid: await valueOf(o.flowSid),
        flowRevision: await valueOf(o.flowRevision),
        flowWebhookUrl: await valueOf(o.flowWebhookUrl),
        keys: Object.keys(o).sort(),
      };
    };
    const sid = expect.stringMatching(/^FW[0-9a-f]{32}$/);
    expect(Object.keys(outputs)).toEqual(["do-you-like-bots", "opening-hours"]);
    expect(await resolved("do-you-like-bots")).toEqual({
      flowSid: sid,
      flowRevision: 1,
      flowWebhookUrl: expect.stringMatching(/^https:\/\/webhooks\.twilio\.com\/v1\/Accounts\/AC\/Flows\/FW/),
      keys: ["addressConfigurationSids", "conversations", "flowRevision", "flowSid", "flowWebhookUrl"],
    });
    expect(await resolved("opening-hours")).toEqual({
      flowSid: sid,
      flowRevision: 1,
      flowWebhookUrl: expect.stringMatching(/Flows\/FW/),
      keys: ["flowRevision", "flowSid", "flowWebhookUrl", "phoneNumberSids"],
    });
    expect(await valueOf(outputs["opening-hours"]!.phoneNumberSids!)).toEqual({
      "15017122661": expect.stringMatching(/^PN/),
    });
    expect(await valueOf(outputs["do-you-like-bots"]!.addressConfigurationSids!)).toEqual({
      "sms-15005550006": expect.stringMatching(/^IG/),
    });
  });

  test("every dynamic resource carries the small stub naming the installed package, never a path", () => {
    const dynamic = registrations.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
    expect(dynamic.length).toBe(7);
    for (const r of dynamic) {
      const text = r.inputs["__provider"] as string;
      expect(text.length).toBeLessThan(4000);
      expect(text).toContain('require("studiokit/pulumi")');
      expect(text).not.toContain(projectDir);
      expect(text).not.toContain("twilio.RequestClient");
    }
  });

  test("no registration carries a secret or the auth token (credentials stay in stack config)", () => {
    for (const r of registrations) {
      expect(r.hadSecret).toBe(false);
      expect(JSON.stringify(r.inputs)).not.toContain(token);
    }
  });
});

describe("a project it cannot deploy: one line naming the setting or the file", () => {
  const project = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(scratch, "p-"));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  };
  const seed = fs.readFileSync(path.join(projectDir, "..", "seed", "do-you-like-bots.json"), "utf8");
  const failure = (raw: Record<string, unknown>, dir: string) => {
    try {
      deployProject(parseProjectConfig(raw), { projectDir: dir });
    } catch (error) {
      expect(error).toBeInstanceOf(pulumi.RunError);
      return (error as Error).message;
    }
    throw new Error("deployProject accepted the project");
  };

  test.each([
    [
      "no flows/ directory and no studiokit:flows",
      {},
      {},
      /^flows\/: no such directory in .*; create flows\/<name>\.ts \(studiokit import turns a Studio export into one\) or list flows under studiokit:flows$/,
    ],
    [
      "an empty flows/",
      { "flows/README.md": "notes" },
      {},
      /^flows\/ has no flow files; add flows\/<name>\.ts or list flows under studiokit:flows$/,
    ],
    [
      "an empty list",
      {},
      { flows: [] },
      /^stack config studiokit:flows: the list is empty; add an entry \{ file: flows\/<name>\.ts \} or remove the setting/,
    ],
    [
      "a listed file that does not exist",
      { "flows/a.json": seed },
      { flows: [{ file: "flows/a.json" }, { file: "flows/missing.ts" }] },
      /^stack config studiokit:flows\[1\]\.file: flows\/missing\.ts: no such file$/,
    ],
    [
      "two flows with one name",
      { "flows/a.json": seed, "other/a.json": seed },
      { flows: [{ file: "flows/a.json" }, { file: "other/a.json" }] },
      /^stack config studiokit:flows\[1\]: a second flow named "a" \(the first is stack config studiokit:flows\[0\]\); give one of them another name:$/,
    ],
    [
      "two flows with one friendly name",
      { "flows/a.json": seed, "flows/b.json": seed },
      {
        flows: [
          { file: "flows/a.json", friendlyName: "Bots" },
          { file: "flows/b.json", friendlyName: "Bots" },
        ],
      },
      /^stack config studiokit:flows\[1\]: friendlyName "Bots" is also stack config studiokit:flows\[0\]'s; /,
    ],
    [
      "a file name that cannot name a resource",
      { "flows/my flow.json": seed },
      { flows: [{ file: "flows/my flow.json" }] },
      /^stack config studiokit:flows\[0\]: the file name "my flow" cannot name a resource; give the entry a name: such as my-flow$/,
    ],
    [
      "a flow module that does not compile",
      { "flows/bad.ts": 'export default { not: "a flow" };\n' },
      { flows: [{ file: "flows/bad.ts" }] },
      /^stack config studiokit:flows\[0\]\.file: flows\/bad\.ts: the default export is an object, not a flow; /,
    ],
    [
      "one number's SMS sent to two flows",
      { "flows/a.json": seed, "flows/b.json": seed },
      {
        flows: [
          { file: "flows/a.json", numbers: [{ number: "+15017122661", sms: true, voice: true }] },
          { file: "flows/b.json", numbers: [{ number: "+15017122661", sms: true }] },
        ],
      },
      /^stack config studiokit:flows\[1\]\.numbers\[0\]: \+15017122661 already sends its SMS to flow "a" \(stack config studiokit:flows\[0\]\.numbers\[0\]\); a number's SMS go to one flow$/,
    ],
    [
      "a number's SMS webhook on a number Conversations takes",
      { "flows/a.json": seed, "flows/b.json": seed },
      {
        flows: [
          { file: "flows/a.json", addresses: [{ address: "+15017122661" }] },
          { file: "flows/b.json", numbers: [{ number: "+15017122661", sms: true }] },
        ],
      },
      /^stack config studiokit:flows\[1\]\.numbers\[0\]: Conversations takes the SMS to \+15017122661 \(stack config studiokit:flows\[0\]\.addresses\[0\] auto-creates conversations on it\), so its SMS webhook would never run the flow; drop sms: true or that address$/,
    ],
  ])("%s", (_name, files, raw, message) => {
    expect(failure(raw, project(files))).toMatch(message);
  });

  test.each([
    [
      { flows: [{ file: "flows/a.ts", adress: [] }] },
      "stack config studiokit:flows[0].adress: not a studiokit setting; remove it or check its spelling",
    ],
    [
      { flows: [{ file: "flows/a.ts", addresses: [{ address: "+1555", studioRetryCount: 9 }] }] },
      "stack config studiokit:flows[0].addresses[0].studioRetryCount: Too big: expected number to be <=3",
    ],
    [
      {
        flows: [
          { file: "flows/a.ts", conversations: [{ contact: "555-1234", twilioNumber: "+15005550006" }] },
        ],
      },
      "stack config studiokit:flows[0].conversations[0].contact: an E.164 phone number such as +15005550006",
    ],
    [
      { flows: [{ file: "flows/a.ts", adoptSid: "FW123" }] },
      "stack config studiokit:flows[0].adoptSid: a Studio Flow SID (FW…)",
    ],
    [{ flows: "flows/a.ts" }, "stack config studiokit:flows: Invalid input: expected array, received string"],
    [
      { flows: [{ file: "flows/a.ts", numbers: [{ number: "+15017122661" }] }] },
      "stack config studiokit:flows[0].numbers[0]: say which of the number's webhooks go to the flow: sms: true, voice: true, or both",
    ],
    [
      {
        flows: [
          {
            file: "flows/a.ts",
            numbers: [{ number: "+15017122661", sid: "PN" + "0".repeat(32), sms: true }],
          },
        ],
      },
      'stack config studiokit:flows[0].numbers[0]: give the number (number: "+15017122661") or its SID (sid: PN…), one of them',
    ],
    [
      { flows: [{ file: "flows/a.ts", numbers: [{ number: "501-712-2661", voice: "true" }] }] },
      "stack config studiokit:flows[0].numbers[0].number: an E.164 phone number such as +15005550006",
    ],
    [
      { flows: [{ file: "flows/a.ts", numbers: [{ sid: "PN12", voice: true }] }] },
      "stack config studiokit:flows[0].numbers[0].sid: a Phone Number SID (PN…)",
    ],
  ])("a bad setting: %j", (raw, message) => {
    expect(() => parseProjectConfig(raw)).toThrow(new ProjectError(message));
  });

  test("without studiokit:flows, every flow file of flows/ is deployed unwired, in name order", () => {
    const dir = project({ "flows/b.json": seed, "flows/a.json": seed, "flows/a.scenarios.yaml": "x" });
    // Each name must be unique in the stack; this stack already holds the fixture's flows.
    const deployed = deployProject(parseProjectConfig({}), { projectDir: dir });
    expect(Object.keys(deployed)).toEqual(["a", "b"]);
    expect(Object.keys(deployed["a"]!).sort()).toEqual(["flowRevision", "flowSid", "flowWebhookUrl"]);
  });
});
