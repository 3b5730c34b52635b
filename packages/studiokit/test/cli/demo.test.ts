import http from "node:http";
import { type AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { demoCast as cast, main, runDemo } from "../../src/cli";
import { repoRoot, runCli, spawnCli } from "../support/run-cli";

// `studiokit demo` (the tutorial deployed to an in-process emulator and played over HTTP) and
// `studiokit chat --emulator` against the emulator a `demo --keep` leaves running.

/**
 * SIDs are random: each distinct one becomes PREFIX#n in order of first appearance, so the
 * assertion still checks that the same SID shows up wherever it should.
 */
function numbered(text: string): string {
  const seen = new Map<string, string>();
  const perPrefix = new Map<string, number>();
  return text.replace(/\b(FW|IG|CH|MB|WH|FN|IM|FT|PN|CA)[0-9a-f]{32}\b/g, (sid, prefix: string) => {
    let label = seen.get(sid);
    if (label === undefined) {
      const n = (perPrefix.get(prefix) ?? 0) + 1;
      perPrefix.set(prefix, n);
      seen.set(sid, (label = `${prefix}#${n}`));
    }
    return label;
  });
}

const transcript = `studiokit demo: a local Twilio in this process (no account, no network), the tutorial flow
flows/do-you-like-bots.ts and a voice IVR deployed to it, its conversations and a call played over HTTP.

Deployed with studiokit's providers (check, then create: what pulumi up runs for a new stack):
  flow       FW#1  "Do you like bots?", revision 1, published
  wiring 1   IG#1  address configuration sms +15017122661
                 auto-creates conversations into FW#1
  wiring 2   CH#1  conversation "Do you like bots? (manual wiring)"
             MB#1  participant +15558675312 via +15017122661
             WH#1  studio webhook to FW#1
  voice IVR  FW#2  "Front desk", revision 1, published
             PN#1  number +15017122661: its voice webhook runs FW#2
                 (its texts still go to Conversations: the address configuration wins)

1. Wiring 1: a new contact texts the number, and likes bots
  +15558675310: hi
      · the address configuration created conversation CH#2
      · execution FN#1 started
  +15017122661: Hi, do you like bots?
  +15558675310: Yes
  +15017122661: 🤖
      · execution FN#1 ended (send_message_2: sent)

2. Wiring 1: another new contact does not
  +15558675311: hi
      · the address configuration created conversation CH#3
      · execution FN#2 started
  +15017122661: Hi, do you like bots?
  +15558675311: no
  +15017122661: 👽
      · execution FN#2 ended (send_message_3: sent)

3. Wiring 2: the participant of the hand-made conversation is not sure
  +15558675312: hi
      · into conversation CH#1
      · execution FN#3 started
  +15017122661: Hi, do you like bots?
  +15558675312: maybe
  +15017122661: 👻
      · execution FN#3 ended (send_message_1: sent)

4. Nobody answers: the clock moves an hour and the question times out
  +15558675313: hi
      · the address configuration created conversation CH#4
      · execution FN#4 started
  +15017122661: Hi, do you like bots?
  (the clock moves 3600 s)
      · execution FN#4 ended (send_and_reply_1: timeout)

5. A call: the number's voice webhook runs the IVR; the caller presses 1
  +15558675314 calls +15017122661
      · call CA#1 answered by FW#2 (execution FN#5)
  +15017122661 (menu) says: Thanks for calling the front desk. For our opening hours, press 1. To speak to someone, press 2.
  +15558675314 presses 1
  +15017122661 (hours) says: We are open nine to five, Monday to Friday. Goodbye.
      · call CA#1 completed

Studio's view (GET /v2/Flows/FW#1/Executions): 4 executions, 4 ended
  steps of the first, FN#1:
    Trigger --incomingConversationMessage--> send_and_reply_1
    send_and_reply_1 --incomingMessage--> split_1
    split_1 --match--> send_message_2
    send_message_2 --sent--> Ended
`;

const credentials = ["--account-sid", cast.accountSid, "--auth-token", cast.authToken];

afterEach(() => vi.unstubAllEnvs());

describe("studiokit demo", () => {
  it("deploys the tutorial, plays every branch over HTTP, prints it all and exits 0 (the real binary)", async () => {
    const run = await spawnCli(["demo"]);
    expect({ code: run.code, stderr: run.stderr, stdout: numbered(run.stdout) }).toEqual({
      code: 0,
      stderr: "",
      stdout:
        transcript +
        "\nDone; the local Twilio has stopped. studiokit demo --keep leaves it running to chat with the flow.\n",
    });
  });

  it("with --keep, leaves the emulator running for studiokit chat until stopped", async () => {
    let out = "";
    let release!: () => void;
    const stopped = new Promise<void>((resolve) => (release = resolve));
    const io = {
      stdout: (text: string) => (out += text),
      stderr: (text: string) => (out += text),
      cwd: repoRoot,
    };
    const demo = runDemo(["--keep"], io, () => stopped);
    await vi.waitFor(() => expect(out).toContain("the twilio library and pulumi"), { timeout: 20_000 });
    const url = /keeps running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? "";
    expect(numbered(out).replaceAll(url, "URL")).toEqual(
      transcript +
        `
The local Twilio keeps running at URL (Ctrl-C stops it). Chat with the flow as a new contact:
  npx studiokit chat --emulator URL --address +15017122661 --from +15558675399 --account-sid ${cast.accountSid} --auth-token ${cast.authToken}
or call the IVR on the number (type 1 to press it):
  npx studiokit chat --emulator URL --number +15017122661 --call --from +15558675399 --account-sid ${cast.accountSid} --auth-token ${cast.authToken}
(the demo emulator's own made-up account; the twilio library and pulumi reach it the same way, with twilio:apiBaseUrl URL)
`,
    );

    let chat = "";
    const typed = Readable.from([
      "hi\n",
      "no\n",
      "hi\n",
      "/wait 3599\n",
      "/wait 1\n",
      "/quit\n",
      "never sent\n",
    ]);
    const code = await main(
      ["chat", "--emulator", url, "--address", cast.number, "--from", cast.you, ...credentials],
      { stdout: (text) => (chat += text), stderr: (text) => (chat += text), cwd: repoRoot, stdin: typed },
    );
    expect({ code, chat: numbered(chat).replaceAll(url, "URL") }).toEqual({
      code: 0,
      chat: `chatting as +15558675399 with +15017122661 on URL; type a message, or /wait <seconds> (moves the emulator's clock), /quit (/help shows this)
you: hi
· new conversation CH#1
flow (send_and_reply_1): Hi, do you like bots?
[waiting at send_and_reply_1]
you: no
flow (send_message_3): 👽
[ended]
you: hi
flow (send_and_reply_1): Hi, do you like bots?
[waiting at send_and_reply_1]
you: /wait 3599
[no execution moved]
you: /wait 1
[ended]
`,
    });
    let called = "";
    const keys = Readable.from(["2\n", "/event callCompleted\n", "never sent\n"]);
    const callCode = await main(
      ["chat", "--emulator", url, "--number", cast.number, "--call", "--from", cast.you, ...credentials],
      { stdout: (text) => (called += text), stderr: (text) => (called += text), cwd: repoRoot, stdin: keys },
    );
    expect({ callCode, called: numbered(called).replaceAll(url, "URL") }).toEqual({
      callCode: 0,
      called: `calling +15017122661 as +15558675399 on URL; type keys to press (1, 42#), or words to say; /event <name> for an outcome from outside (callCompleted), /wait <seconds>, /hangup, /quit (/help shows this)
flow (menu) says: Thanks for calling the front desk. For our opening hours, press 1. To speak to someone, press 2.
[waiting at menu]
you: 2
flow (front_desk) connects the call to: number +15558675320
[waiting at front_desk]
you: /event callCompleted
[call ended]
`,
    });
    let refused = "";
    const wrongToken = await main(
      [
        "chat",
        "--emulator",
        url,
        "--address",
        cast.number,
        "--account-sid",
        cast.accountSid,
        "--auth-token",
        "nope",
      ],
      {
        stdout: () => undefined,
        stderr: (text) => (refused = text),
        cwd: repoRoot,
        stdin: Readable.from(["hi\n"]),
      },
    );
    expect({ wrongToken, refused }).toEqual({
      wrongToken: 2,
      refused:
        "studiokit chat: POST /studiokit/v1/Inbound: 401 (20003) Authenticate (check the account SID and auth token the emulator was started with)\n",
    });
    release();
    expect(await demo).toBe(0);
    const gone = await main(["chat", "--emulator", url, "--address", cast.number, ...credentials], {
      stdout: () => undefined,
      stderr: (text) => (chat = text),
      cwd: repoRoot,
      stdin: Readable.from(["hi\n"]),
    });
    // ECONNREFUSED, or a pooled keep-alive socket the stopped emulator closed.
    expect({ gone, chat: chat.replace(/\((ECONNREFUSED|UND_ERR_SOCKET)\)/, "(CODE)") }).toEqual({
      gone: 2,
      chat: `studiokit chat: cannot reach the emulator at ${url} (CODE); start it with studiokit emulator or studiokit demo --keep\n`,
    });
  });

  it("says plainly what is wrong with its arguments or the emulator it is pointed at", async () => {
    const busy = http.createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as AddressInfo).port;
    vi.stubEnv("TWILIO_ACCOUNT_SID", "");
    vi.stubEnv("TWILIO_AUTH_TOKEN", "");
    try {
      const runs = [
        await runCli(["demo", "--port", "x"]),
        await runCli(["demo", "--port", String(port)]),
        await runCli(["chat", "--emulator", "http://127.0.0.1:1"]),
        await runCli(["chat", "--emulator", "http://127.0.0.1:1", "--address", cast.number]),
      ];
      expect(runs.map((r) => [r.code, r.stdout, r.stderr])).toEqual([
        [2, "", 'studiokit demo: --port "x" is not a port number (0-65535)\n'],
        [2, "", `studiokit demo: port ${port} is already in use; pick another --port\n`],
        [
          2,
          "",
          "studiokit chat: with --emulator give --address (the Twilio address to text) or --number (a number to text or --call), and no flow file; usage: studiokit chat <flow> [--event <trigger event>] [--from <address>] [--to <address>] [--body <text>] [--parameters <json>] | --emulator <url> (--address <Twilio address> | --number <+1…> [--call]) [--from <contact>] [--account-sid AC… --auth-token T]\n",
        ],
        [
          2,
          "",
          "studiokit chat: give the emulator's credentials: --account-sid and --auth-token, or TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN\n",
        ],
      ]);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});
