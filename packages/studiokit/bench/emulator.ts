// `npm run bench -- emulator`: flow fetches per second and p99 latency of the emulator on loopback.
// The server is the real `studiokit emulator` in its own process; autocannon drives it from this one.
import autocannon from "autocannon";
import fs from "node:fs";
import { seedFlowPath } from "../test/support/fixtures";
import { startEmulatorProcess } from "./emulator-process";

const accountSid = "AC" + "5".repeat(32);
const authToken = "bench-token";
const authorization = "Basic " + Buffer.from(`${accountSid}:${authToken}`).toString("base64");
const durationSeconds = Number(process.env["BENCH_DURATION"] ?? 10);
const connections = Number(process.env["BENCH_CONNECTIONS"] ?? 10);

async function createFlow(url: string): Promise<string> {
  const body = new URLSearchParams({
    FriendlyName: "bench",
    Status: "published",
    Definition: fs.readFileSync(seedFlowPath, "utf8"),
  });
  const res = await fetch(`${url}/v2/Flows`, {
    method: "POST",
    headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  if (res.status !== 201) throw new Error(`flow create answered ${res.status}`);
  return ((await res.json()) as { sid: string }).sid;
}

const load = (url: string, duration: number) =>
  autocannon({ url, connections, duration, headers: { authorization, accept: "application/json" } });

export async function emulatorBench(): Promise<void> {
  const server = startEmulatorProcess(accountSid, authToken);
  try {
    const base = await server.url;
    const sid = await createFlow(base);
    const target = `${base}/v2/Flows/${sid}`;
    await load(target, 2); // warm-up: JIT and connection set-up
    const r = await load(target, durationSeconds);
    const failures = r.errors + r.timeouts + r.non2xx;
    process.stdout.write(
      [
        `emulator: GET /v2/Flows/{Sid} of the seed flow on loopback, ${connections} connections, ` +
          `${r.duration.toFixed(1)} s, autocannon 9.0.0, server in its own process`,
        `  fetches/s: mean ${r.requests.average.toFixed(0)}, p50 ${r.requests.p50}, min ${r.requests.min}`,
        `  latency ms: p50 ${r.latency.p50}, p90 ${r.latency.p90}, p99 ${r.latency.p99}, max ${r.latency.max}`,
        `  requests: ${r.requests.total} answered, ${failures} failed (errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx})`,
      ].join("\n") + "\n",
    );
    if (failures > 0) process.exitCode = 1;
  } finally {
    server.child.kill("SIGTERM");
  }
}
