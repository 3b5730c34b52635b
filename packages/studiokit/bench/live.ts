// Live execution on the emulator, measured on loopback with the real server in its own process:
// L1 tutorial conversations per second through /studiokit/v1/Inbound (each one: "hi" creates a
// conversation via the address configuration and starts the flow, "Yes" ends it with 🤖), with
// p50/p99 per inbound message; L2 the wall time of `studiokit demo` (the real binary, median of 3);
// L3 a long run (long-run.ts).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { LiveClient } from "../src/emulator";
import { startEmulatorProcess, studiokitBin } from "./emulator-process";
import { longRun } from "./long-run";
import { median } from "./stats";
import { contactOf, deployTutorial, quantile, tutorialNumber as number } from "./tutorial-load";

const accountSid = "AC" + "7".repeat(32);
const authToken = "bench-token";
const conversations = Number(process.env["BENCH_CONVERSATIONS"] ?? 2000);
const concurrency = Number(process.env["BENCH_CONNECTIONS"] ?? 10);

async function conversationsBench(): Promise<void> {
  const server = startEmulatorProcess(accountSid, authToken);
  try {
    const client = new LiveClient({ url: await server.url, accountSid, authToken });
    await deployTutorial(client);
    const latencies: number[] = [];
    let wrong = 0;
    const say = async (contact: string, body: string) => {
      const started = performance.now();
      const outcome = await client.inbound(contact, number, body);
      latencies.push(performance.now() - started);
      return outcome.replies.map((r) => r.body).join("|");
    };
    let next = 0;
    const worker = async () => {
      while (next < conversations) {
        const contact = contactOf(next++);
        if ((await say(contact, "hi")) !== "Hi, do you like bots?") wrong++;
        if ((await say(contact, "Yes")) !== "🤖") wrong++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    process.stdout.write(
      `L1 tutorial conversations: ${conversations} in ${seconds.toFixed(2)} s = ${(conversations / seconds).toFixed(0)}/s ` +
        `(${concurrency} at a time; ${latencies.length} inbound messages, p50 ${quantile(latencies, 0.5).toFixed(1)} ms, ` +
        `p99 ${quantile(latencies, 0.99).toFixed(1)} ms; wrong replies: ${wrong})\n`,
    );
  } finally {
    server.child.kill("SIGTERM");
  }
}

async function demoBench(): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await promisify(execFile)(process.execPath, [studiokitBin, "demo"], { encoding: "utf8" });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(
    `L2 studiokit demo wall time: median ${(median(times) / 1000).toFixed(2)} s (runs: ${times.map((t) => (t / 1000).toFixed(2)).join(", ")} s)\n`,
  );
}

/** `live`: L1, L2 and L3; `live long [conversations]`: L3 only. */
export async function liveBench(args: string[]): Promise<void> {
  if (args[0] === "long") return longRun(Number(args[1] ?? 100_000));
  await conversationsBench();
  await demoBench();
  await longRun(Number(process.env["BENCH_LONG_CONVERSATIONS"] ?? 100_000));
}
