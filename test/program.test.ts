import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  parseProjectConfig,
  previewProgram,
  projectFlows,
  readStackSettings,
  type PreviewResult,
} from "studiokit/pulumi";

// The Pulumi program (infra/index.ts) run as `pulumi preview` runs it, through ts-node with type
// checking, for the dev stack's settings (Pulumi.dev.yaml), with the engine mocked: every flow the
// stack lists is deployed as its file compiles, with the wiring its entry asks for (addresses,
// conversations, and the numbers whose webhooks point at it).

const root = path.resolve(__dirname, "..");
const { config } = readStackSettings(root, "dev");
const raw = config["studiokit:flows"];
// The flows the stack lists, or every file in flows/ when it lists none, compiled.
const flows = projectFlows(parseProjectConfig(raw === undefined ? {} : { flows: raw }), root);
let preview: PreviewResult;

beforeAll(async () => {
  preview = await previewProgram({ projectDir: root, stack: "dev", config });
});

describe("the dev stack", () => {
  it("deploys at least one flow", () => {
    expect(flows.length).toBeGreaterThan(0);
  });

  it.each(flows.map((f) => [f.file, f] as const))(
    "deploys %s as it compiles, with its wiring",
    (_file, flow) => {
      const { name, config: entry } = flow;
      const deployed = preview.registrations.find(
        (r) => r.type === "pulumi-nodejs:dynamic/studio:Flow" && r.name === `${name}-flow`,
      );
      expect(deployed?.inputs["definition"]).toEqual(flow.definition);
      expect(deployed?.inputs["friendlyName"]).toBe(entry.friendlyName ?? name);
      expect(deployed?.inputs["status"]).toBe(entry.status);
      const outputs = preview.outputs[name] as Record<string, unknown> | undefined;
      expect(outputs?.["flowSid"]).toMatch(/^FW/);
      const addresses = preview.registrations.filter(
        (r) => r.type.endsWith("conversations:AddressConfiguration") && r.name.startsWith(`${name}-`),
      );
      expect(addresses.map((a) => a.inputs["address"]).sort()).toEqual(
        entry.addresses.map((a) => (a.type === "whatsapp" ? `whatsapp:${a.address}` : a.address)).sort(),
      );
      for (const a of addresses)
        expect((a.inputs["autoCreation"] as Record<string, unknown>)["studioFlowSid"]).toBe(
          outputs?.["flowSid"],
        );
      const webhooks = preview.registrations.filter(
        (r) => r.type.endsWith("conversations:Webhook") && r.name.startsWith(`${name}-`),
      );
      expect(webhooks.map((w) => w.inputs["flowSid"])).toEqual(
        entry.conversations.map(() => outputs?.["flowSid"]),
      );
      // Each number of the entry: its SMS and/or voice webhook points at the flow's webhook URL.
      const numbers = preview.registrations.filter(
        (r) => r.type.endsWith(":PhoneNumber") && r.name.startsWith(`${name}-number-`),
      );
      const webhook = outputs?.["flowWebhookUrl"];
      const declaredNumber = (r: { inputs: Record<string, unknown> }) => {
        const { __provider: _provider, ...inputs } = r.inputs;
        return inputs;
      };
      expect(
        numbers.map(declaredNumber).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      ).toEqual(
        entry.numbers
          .map((n) => ({
            ...(n.number !== undefined ? { phoneNumber: n.number } : { phoneNumberSid: n.sid }),
            ...(n.sms ? { smsUrl: webhook } : {}),
            ...(n.voice ? { voiceUrl: webhook } : {}),
          }))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      );
    },
  );

  it("declares no flow the stack does not ask for", () => {
    const deployed = preview.registrations.filter((r) => r.type === "pulumi-nodejs:dynamic/studio:Flow");
    expect(deployed.map((r) => r.name).sort()).toEqual(flows.map((f) => `${f.name}-flow`).sort());
  });
});
