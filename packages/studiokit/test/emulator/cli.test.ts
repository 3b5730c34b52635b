import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main, runEmulator, type Io } from "../../src/cli";
import { startEmulator } from "../../src/emulator";
import { accountSid, authToken } from "../support/emulator";
import { seedFlowPath } from "../support/fixtures";
import { localTwilio } from "../support/twilio-local";

const definition = JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as Record<string, unknown>;
const bin = path.resolve(__dirname, "..", "..", "bin", "studiokit.js");
const children: ChildProcess[] = [];
const tmpDirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of tmpDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-emulator-"));
  tmpDirs.push(dir);
  return dir;
}

function bufferIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), cwd: process.cwd() };
  return { io, out, err };
}

/** Spawns the real binary; resolves with its first stdout line (or its exit if it ends first). */
function spawnEmulator(args: string[]) {
  const child = spawn(process.execPath, [bin, "emulator", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("\n")) resolve(stdout);
    });
    child.stderr!.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  // A run expected to fail never reads its line; keep that rejection from going unhandled.
  firstLine.catch(() => undefined);
  return { child, firstLine, exited, stderr: () => stderr };
}

const credentials = ["--account-sid", accountSid, "--auth-token", authToken];

describe("studiokit emulator (real process)", () => {
  it("prints exactly the listening line, serves twilio-node, and stops on SIGTERM", async () => {
    const run = spawnEmulator([...credentials, "--port", "0"]);
    const line = await run.firstLine;
    const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+))\n$/.exec(line);
    expect(match).not.toBeNull();
    const client = localTwilio(match![1]!, accountSid, authToken);
    const flow = await client.studio.v2.flows.create({
      friendlyName: "spawned",
      status: "draft",
      definition,
    });
    expect((await client.studio.v2.flows(flow.sid).fetch()).definition).toEqual(definition);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("keeps the store in --state across restarts", async () => {
    const state = path.join(tmpDir(), "twilio.json");
    const first = spawnEmulator([...credentials, "--state", state]);
    const url1 = (await first.firstLine).trim().replace("listening on ", "");
    const client1 = localTwilio(url1, accountSid, authToken);
    const flow = await client1.studio.v2.flows.create({ friendlyName: "kept", status: "draft", definition });
    await client1.studio.v2.flows(flow.sid).update({ status: "published" });
    const config = await client1.conversations.v1.addressConfigurations.create({
      type: "sms",
      address: "+15005550006",
    });
    first.child.kill("SIGKILL");
    await first.exited;
    const second = spawnEmulator([...credentials, "--state", state]);
    const url2 = (await second.firstLine).trim().replace("listening on ", "");
    const client2 = localTwilio(url2, accountSid, authToken);
    const again = await client2.studio.v2.flows(flow.sid).fetch();
    expect([again.revision, again.status, again.definition]).toEqual([2, "published", definition]);
    expect((await client2.conversations.v1.addressConfigurations("+15005550006").fetch()).sid).toBe(
      config.sid,
    );
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });

  it("exits 2 with one line for a state file that is not an emulator state", async () => {
    const state = path.join(tmpDir(), "bad.json");
    fs.writeFileSync(state, '{"flows": 3}');
    const run = spawnEmulator([...credentials, "--state", state]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toBe(
      `studiokit emulator: state file ${state} is not an emulator state (version: Invalid input: expected 1); delete it to start fresh\n`,
    );
  });
  it("exits 2 with one line, listening nowhere, when the state file cannot be written", async () => {
    const state = path.join(tmpDir(), "no", "such", "dir", "state.json");
    const run = spawnEmulator([...credentials, "--state", state]);
    const exited = await Promise.race([
      run.exited,
      new Promise<"still running">((r) => setTimeout(() => r("still running"), 5000)),
    ]);
    expect(exited).toBe(2);
    expect(run.stderr()).toBe(
      `studiokit emulator: cannot write state file ${state} (ENOENT): its directory must exist and be writable; create it or use another --state file\n`,
    );
  });
});

/** `studiokit emulator` run in this process until `stop()`; `client` talks to it once it listens. */
async function inProcess(args: string[]) {
  const { io, out } = bufferIo();
  let stop!: () => void;
  const running = runEmulator(args, io, new Promise<void>((r) => (stop = r)));
  while (out.length === 0) await new Promise((r) => setTimeout(r, 10));
  const client = localTwilio(out[0]!.trim().replace("listening on ", ""), accountSid, authToken);
  return { client, stop, running };
}

describe("studiokit emulator (in process)", () => {
  it("--number gives the account its numbers, as the twilio library lists them", async () => {
    const { client, stop, running } = await inProcess([
      ...credentials,
      "--number",
      "+15017122661",
      "--number",
      "+15017122662",
    ]);
    const numbers = await client.incomingPhoneNumbers.list();
    expect(numbers.map((n) => n.phoneNumber)).toEqual(["+15017122661", "+15017122662"]);
    stop();
    expect(await running).toBe(0);
  });

  it("serves until stopped and prints the listening line", async () => {
    const { io, out } = bufferIo();
    let stop!: () => void;
    const running = runEmulator([...credentials], io, new Promise<void>((r) => (stop = r)));
    while (out.length === 0) await new Promise((r) => setTimeout(r, 10));
    const url = out[0]!.trim().replace("listening on ", "");
    const res = await fetch(`${url}/v2/Flows`, {
      headers: { Authorization: "Basic " + Buffer.from(`${accountSid}:${authToken}`).toString("base64") },
    });
    expect(res.status).toBe(200);
    stop();
    expect(await running).toBe(0);
    expect(out).toEqual([`listening on ${url}\n`]);
  });

  it.each([
    [["emulator"], "--account-sid and --auth-token are required"],
    [["emulator", ...credentials, "--port", "http"], '--port "http" is not a port number (0-65535)'],
    [
      ["emulator", ...credentials, "--fault-rate", "2", "--fault-kinds", "500"],
      "--fault-rate must be a number from 0 to 1",
    ],
    [["emulator", ...credentials, "--api-key", "nocolon"], "--api-key must be SK…:secret"],
    [
      ["emulator", "--account-sid", "XX1", "--auth-token", "t"],
      "--account-sid is not an account SID (AC followed by 32 hex digits)",
    ],
    [["emulator", ...credentials, "--bogus"], "Unknown option '--bogus'"],
    [
      ["emulator", ...credentials, "--retain-executions", "1e4"],
      '--retain-executions "1e4" is not a whole number such as 10000',
    ],
    [
      ["emulator", ...credentials, "--retain-days", "a week"],
      '--retain-days "a week" is not a number of days',
    ],
    [
      ["emulator", ...credentials, "--number", "+15017122661", "--number", "501-712-2662"],
      '--number "501-712-2662" is not an E.164 phone number; write it as +15017122661',
    ],
  ])("exits 2 with one line for %j", async (args, message) => {
    const saved = { sid: process.env["TWILIO_ACCOUNT_SID"], token: process.env["TWILIO_AUTH_TOKEN"] };
    delete process.env["TWILIO_ACCOUNT_SID"];
    delete process.env["TWILIO_AUTH_TOKEN"];
    const { io, out, err } = bufferIo();
    try {
      expect(await main(args, io)).toBe(2);
    } finally {
      if (saved.sid !== undefined) process.env["TWILIO_ACCOUNT_SID"] = saved.sid;
      if (saved.token !== undefined) process.env["TWILIO_AUTH_TOKEN"] = saved.token;
    }
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]!.startsWith(`studiokit emulator: ${message}`)).toBe(true);
    expect(err[0]!.endsWith("\n") && err[0]!.split("\n").length === 2).toBe(true);
  });

  it("--retain-executions and --retain-days bound the ended executions it keeps", async () => {
    const { client, stop, running } = await inProcess([
      ...credentials,
      "--retain-executions",
      "1",
      "--retain-days",
      "0.5",
    ]);
    const flow = await client.studio.v2.flows.create({ friendlyName: "r", status: "published", definition });
    // A REST request the tutorial does not wire ends at once.
    const executions = client.studio.v2.flows(flow.sid).executions;
    await executions.create({ to: "+15558675310", from: "+15017122661" });
    const last = await executions.create({ to: "+15558675311", from: "+15017122661" });
    expect((await executions.list()).map((e) => [e.sid, e.status])).toEqual([[last.sid, "ended"]]);
    stop();
    expect(await running).toBe(0);
  });

  it("exits 2 when the port is taken", async () => {
    const busy = await startEmulator({ accountSid, authToken });
    try {
      const { io, err } = bufferIo();
      expect(await main(["emulator", ...credentials, "--port", String(busy.port)], io)).toBe(2);
      expect(err).toEqual([`studiokit emulator: port ${busy.port} is already in use; pick another --port\n`]);
    } finally {
      await busy.close();
    }
  });

  it("programmatic stateFile: saved after each change and loaded on start", async () => {
    const stateFile = path.join(tmpDir(), "state.json");
    const first = await startEmulator({ accountSid, authToken, stateFile });
    const client = localTwilio(first.url, accountSid, authToken);
    const conv = await client.conversations.v1.conversations.create({ uniqueName: "persisted" });
    await client.conversations.v1.conversations(conv.sid).participants.create({ identity: "p" });
    await first.close();
    const second = await startEmulator({ accountSid, authToken, stateFile });
    try {
      expect(second.store.toState()).toEqual(first.store.toState());
      expect([...second.store.conversations.keys()]).toEqual([conv.sid]);
    } finally {
      await second.close();
    }
    await expect(startEmulator({ accountSid: "AC" + "9".repeat(32), authToken, stateFile })).rejects.toThrow(
      `state file ${stateFile} belongs to account ${accountSid}, not AC${"9".repeat(32)}; use another --state file`,
    );
  });
});
