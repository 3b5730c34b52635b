// L3, the local Twilio over a long run (`npm run bench -- live long [conversations]`, default
// 100,000): tutorial conversations through /studiokit/v1/Inbound on loopback, the server in its own
// process with the default retention. Each conversation: "hi" (a new conversation via the address
// configuration, the flow starts), "Yes" (it ends with 🤖), then the conversation is deleted, as a
// deployment cleans up finished conversations: what stays is the emulator's own memory, ended
// executions under the retention. Figures: messages/s in the last tenth of the messages against
// the first (target ≥ 0.9), p99 per tenth (target < 20 ms in every one), and the server's RSS
// at the end against after the first 10,000 conversations (target ≤ 1.2).
import { LiveClient } from "../src/emulator";
import os from "node:os";
import { cpuSeconds, rssMb, startEmulatorProcess } from "./emulator-process";
import { contactOf, deployTutorial, loadClient, quantile } from "./tutorial-load";

const accountSid = "AC" + "8".repeat(32);
const authToken = "bench-token";
const concurrency = Number(process.env["BENCH_CONNECTIONS"] ?? 10);
const rssCheckpoint = 10_000;

interface Tenth {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/** Messages per second and latency percentiles of each tenth of the messages, by completion order. */
function tenths(started: number, done: readonly number[], latencies: readonly number[]): Tenth[] {
  const size = Math.floor(done.length / 10);
  return Array.from({ length: 10 }, (_, i) => {
    const from = i * size;
    const to = i === 9 ? done.length : from + size;
    const begin = i === 0 ? started : done[from - 1]!;
    const slice = latencies.slice(from, to).sort((a, b) => a - b);
    return {
      perSecond: (to - from) / ((done[to - 1]! - begin) / 1000),
      p50: quantile(slice, 0.5),
      p99: quantile(slice, 0.99),
    };
  });
}

const verdict = (ok: boolean) => (ok ? "MET" : "MISSED");

export async function longRun(conversations: number): Promise<void> {
  const server = startEmulatorProcess(accountSid, authToken);
  try {
    const url = await server.url;
    await deployTutorial(new LiveClient({ url, accountSid, authToken }));
    const client = loadClient(url, accountSid, authToken, concurrency);
    const done: number[] = [];
    const latencies: number[] = [];
    let wrong = 0;
    let finished = 0;
    let rssAtCheckpoint: number | undefined;
    const rssByTenth: Array<number | undefined> = [];
    /** The server's CPU seconds at the start and at the end of each tenth of the conversations. */
    const cpuByTenth: Array<number | undefined> = [cpuSeconds(server.child.pid)];
    const say = async (contact: string, body: string) => {
      const sent = performance.now();
      const outcome = await client.inbound(contact, body);
      const now = performance.now();
      done.push(now);
      latencies.push(now - sent);
      return outcome;
    };
    let next = 0;
    const worker = async () => {
      while (next < conversations) {
        const contact = contactOf(next++);
        const hi = await say(contact, "hi");
        if (hi.replies.map((r) => r.body).join("|") !== "Hi, do you like bots?") wrong++;
        const yes = await say(contact, "Yes");
        if (yes.replies.map((r) => r.body).join("|") !== "🤖") wrong++;
        await client.delete(`/v1/Conversations/${hi.conversation_sid}`);
        if (++finished === Math.min(rssCheckpoint, conversations)) rssAtCheckpoint = rssMb(server.child.pid);
        if (finished % Math.ceil(conversations / 10) === 0) {
          rssByTenth.push(rssMb(server.child.pid));
          cpuByTenth.push(cpuSeconds(server.child.pid));
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    const rssAtEnd = rssMb(server.child.pid);
    client.close();
    const parts = tenths(started, done, latencies);
    const first = parts[0]!;
    const last = parts[9]!;
    const throughput = last.perSecond / first.perSecond;
    const worstP99 = Math.max(...parts.map((p) => p.p99));
    const rss =
      rssAtEnd !== undefined && rssAtCheckpoint !== undefined ? rssAtEnd / rssAtCheckpoint : undefined;
    const print = (line: string) => process.stdout.write(`${line}\n`);
    print(
      `L3 long run: ${conversations} tutorial conversations (${done.length} inbound messages, ${concurrency} at a time, ` +
        `each conversation deleted after its run) in ${seconds.toFixed(1)} s; wrong replies: ${wrong}`,
    );
    // Server CPU per request of a tenth of the conversations (two messages and a delete each):
    // what the work costs, apart from how much of a core a shared machine gave the server.
    const perTenth = Math.ceil(conversations / 10) * 3;
    const cpuMs = (i: number) => {
      const [from, to] = [cpuByTenth[i], cpuByTenth[i + 1]];
      return from === undefined || to === undefined ? "?" : (((to - from) * 1000) / perTenth).toFixed(3);
    };
    print(`   load average at the end: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
    print("   tenth  messages/s   p50 ms   p99 ms   server RSS MB at its end   server CPU ms per request");
    parts.forEach((p, i) =>
      print(
        `   ${String(i + 1).padStart(5)}  ${p.perSecond.toFixed(0).padStart(10)}  ${p.p50.toFixed(2).padStart(7)}  ${p.p99.toFixed(2).padStart(7)}   ${(rssByTenth[i]?.toFixed(0) ?? "?").padStart(24)}   ${cpuMs(i).padStart(25)}`,
      ),
    );
    print(
      `   messages/s, last tenth / first: ${throughput.toFixed(2)} (target >= 0.90): ${verdict(throughput >= 0.9)}`,
    );
    print(`   p99, worst tenth: ${worstP99.toFixed(2)} ms (target < 20 ms): ${verdict(worstP99 < 20)}`);
    print(
      rss === undefined
        ? "   RSS: not readable on this system (/proc)"
        : `   server RSS, end / after ${Math.min(rssCheckpoint, conversations)} conversations: ${rssAtEnd!.toFixed(0)} / ${rssAtCheckpoint!.toFixed(0)} MB = ${rss.toFixed(2)} (target <= 1.20): ${verdict(rss <= 1.2)}`,
    );
    if (wrong > 0 || throughput < 0.9 || worstP99 >= 20 || (rss !== undefined && rss > 1.2))
      process.exitCode = 1;
  } finally {
    server.child.kill("SIGTERM");
  }
}
