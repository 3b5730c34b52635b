// Existing accounts on the local Twilio, the real server in its own process:
// A1 `studiokit pull --all` of 100 flows (the real binary, median of 3 runs; every real v2 flow
// fixture, repeated under new names), and the same pull with --check against what it wrote;
// A2 plain SMS round trips per second through a number whose SMS webhook is a flow (each one: a
// contact's text starts an execution that answers and ends), with p50/p99 per round trip.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { parseFlowDefinition, type FlowDefinition } from "../src/definition";
import { LiveClient } from "../src/emulator";
import { legacyFlowFile, realFlows } from "../test/support/fixtures";
import { localTwilio } from "../test/support/twilio-local";
import { startEmulatorProcess, studiokitBin } from "./emulator-process";
import { median } from "./stats";

const accountSid = "AC" + "8".repeat(32);
const authToken = "bench-token";
const flowCount = Number(process.env["BENCH_FLOWS"] ?? 100);
const messages = Number(process.env["BENCH_SMS"] ?? 2000);
const concurrency = Number(process.env["BENCH_CONNECTIONS"] ?? 10);
const number = "+15017122661";

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function pullBench(): Promise<void> {
  const server = startEmulatorProcess(accountSid, authToken);
  // Inside the package (gitignored), so the modules' `import … from "studiokit"` resolves for --check.
  const out = path.join(__dirname, "..", "test", ".generated", "bench-pull");
  try {
    const url = await server.url;
    const client = localTwilio(url, accountSid, authToken);
    // The validator refuses two real flows' Liquid reads (Studio took them): the others are used.
    const fixtures = realFlows()
      .filter((f) => f.file !== legacyFlowFile)
      .map((f) => parseFlowDefinition(f.json))
      .flatMap((p): FlowDefinition[] => (p.ok ? [p.value] : []));
    let made = 0;
    for (let i = 0; made < flowCount; i++) {
      const definition = fixtures[i % fixtures.length]!;
      try {
        await client.studio.v2.flows.create({ friendlyName: `Flow ${i}`, status: "published", definition });
        made++;
      } catch {
        // refused by the emulator's validation: the next fixture instead
      }
    }
    const env = {
      ...process.env,
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
      TWILIO_API_KEY: "",
      TWILIO_API_SECRET: "",
    };
    const run = (extra: string[]) => {
      const started = performance.now();
      return promisify(execFile)(
        process.execPath,
        [studiokitBin, "pull", "--all", "--out", out, "--api-base-url", url, "--force", ...extra],
        { env, maxBuffer: 64 * 1024 * 1024 },
      ).then(() => performance.now() - started);
    };
    const pulls: number[] = [];
    for (let i = 0; i < 3; i++) {
      fs.rmSync(out, { recursive: true, force: true });
      pulls.push(await run([]));
    }
    const files = fs.readdirSync(out).length;
    const checks: number[] = [];
    for (let i = 0; i < 3; i++) checks.push(await run(["--check"]));
    const s = (ms: number) => (ms / 1000).toFixed(2);
    process.stdout.write(
      `A1 studiokit pull --all of ${flowCount} flows (${files} modules written): median ${s(median(pulls))} s ` +
        `(runs ${pulls.map(s).join(", ")} s); pull --check of the same: median ${s(median(checks))} s\n`,
    );
  } finally {
    server.child.kill("SIGTERM");
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/** Answers every text with one message and ends: one round trip per inbound SMS. */
const echo: FlowDefinition = {
  description: "echo",
  initial_state: "Trigger",
  flags: { allow_concurrent_calls: true },
  states: [
    {
      name: "Trigger",
      type: "trigger",
      transitions: [{ event: "incomingMessage", next: "reply" }],
      properties: { offset: { x: 0, y: 0 } },
    },
    {
      name: "reply",
      type: "send-message",
      transitions: [{ event: "sent" }, { event: "failed" }],
      properties: {
        offset: { x: 0, y: 200 },
        from: "{{flow.channel.address}}",
        to: "{{contact.channel.address}}",
        body: "You said {{trigger.message.Body}}",
      },
    },
  ],
};

async function smsBench(): Promise<void> {
  const server = startEmulatorProcess(accountSid, authToken, ["--number", number]);
  try {
    const url = await server.url;
    const client = localTwilio(url, accountSid, authToken);
    const flow = await client.studio.v2.flows.create({
      friendlyName: "echo",
      status: "published",
      definition: echo,
    });
    const [phone] = await client.incomingPhoneNumbers.list({ phoneNumber: number });
    await client.incomingPhoneNumbers(phone!.sid).update({ smsUrl: flow.webhookUrl });
    const live = new LiveClient({ url, accountSid, authToken });
    const latencies: number[] = [];
    let wrong = 0;
    let next = 0;
    const worker = async () => {
      while (next < messages) {
        const i = next++;
        const contact = `+1555${String(1_000_000 + i).slice(1)}`;
        const started = performance.now();
        const outcome = await live.inbound(contact, number, `hi ${i}`);
        latencies.push(performance.now() - started);
        if (outcome.replies[0]?.body !== `You said hi ${i}`) wrong++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    process.stdout.write(
      `A2 SMS round trips through a number: ${messages} in ${seconds.toFixed(2)} s = ${(messages / seconds).toFixed(0)}/s ` +
        `(${concurrency} at a time; p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p99 ${quantile(latencies, 0.99).toFixed(1)} ms; ` +
        `wrong replies: ${wrong})\n`,
    );
  } finally {
    server.child.kill("SIGTERM");
  }
}

export const pull = pullBench;
export const sms = smsBench;
