import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli";
import { compile } from "../../src/compiler";
import hours from "../fixtures/project/flows/opening-hours";
import bots from "../fixtures/project/flows/do-you-like-bots";
import { accountSid, authToken, withEmulator, type TestEmulator } from "../support/emulator";
import { repoRoot } from "../support/run-cli";

// `studiokit chat --emulator --number`: texting a number whose SMS webhook runs a flow, and
// calling one (--call) whose voice webhook does, against a local Twilio; bad numbers in one line.

const texted = "+15017122661";
const called = "+15017122662";
const idle = "+15017122663";
let t: TestEmulator;

beforeAll(async () => {
  t = await withEmulator({ numbers: [texted, called, idle] });
  const flows = t.client.studio.v2.flows;
  // The tutorial answers incomingConversationMessage only: a copy wired to incomingMessage for plain SMS.
  const tutorial = compile(bots);
  const smsTutorial = {
    ...tutorial,
    states: tutorial.states.map((s) =>
      s.type === "trigger"
        ? {
            ...s,
            transitions: s.transitions.map((tr) =>
              tr.event === "incomingMessage" ? { ...tr, next: "send_and_reply_1" } : tr,
            ),
          }
        : s,
    ),
  };
  const sms = await flows.create({ friendlyName: "bots", status: "published", definition: smsTutorial });
  const voice = await flows.create({
    friendlyName: "hours",
    status: "published",
    definition: compile(hours),
  });
  const numbers = await t.client.incomingPhoneNumbers.list();
  await t.client.incomingPhoneNumbers(numbers[0]!.sid).update({ smsUrl: sms.webhookUrl });
  await t.client.incomingPhoneNumbers(numbers[1]!.sid).update({ voiceUrl: voice.webhookUrl });
  await t.client.incomingPhoneNumbers(numbers[2]!.sid).update({ smsUrl: "https://example.com/sms" });
});
afterAll(() => t.emulator.close());

async function chat(args: string[], typed: string[] = []) {
  let out = "";
  let err = "";
  const code = await main(
    ["chat", "--emulator", t.emulator.url, "--account-sid", accountSid, "--auth-token", authToken, ...args],
    {
      stdout: (text) => (out += text),
      stderr: (text) => (err += text),
      cwd: repoRoot,
      stdin: Readable.from(typed.map((line) => `${line}\n`)),
    },
  );
  return { code, out: out.replaceAll(t.emulator.url, "URL"), err };
}

describe("studiokit chat --number", () => {
  it("texts a number whose SMS webhook runs a flow", async () => {
    expect(await chat(["--number", texted, "--from", "+15558675310"], ["hi", "Yes"])).toEqual({
      code: 0,
      err: "",
      out: `chatting as +15558675310 with ${texted} on URL; type a message, or /wait <seconds> (moves the emulator's clock), /quit (/help shows this)
you: hi
flow (send_and_reply_1): Hi, do you like bots?
[waiting at send_and_reply_1]
you: Yes
flow (send_message_2): 🤖
[ended]
`,
    });
  });

  it("--call dials a number whose voice webhook runs a flow; keys, silence and the end of the call", async () => {
    const first = await chat(["--number", called, "--call"], ["1"]);
    expect(first.code).toBe(0);
    expect(first.out.split("\n").slice(1)).toEqual([
      "flow (menu) says: For our opening hours, press 1.",
      "[waiting at menu]",
      "you: 1",
      "flow (hours) says: We are open nine to five, Monday to Friday.",
      "[call ended]",
      "",
    ]);
    const silent = await chat(["--number", called, "--call"], ["/wait 5", "never sent"]);
    expect(silent.out.split("\n").slice(1)).toEqual([
      "flow (menu) says: For our opening hours, press 1.",
      "[waiting at menu]",
      "you: /wait 5",
      "flow (goodbye) says: Goodbye.",
      "[call ended]",
      "",
    ]);
    expect((await t.client.calls.list({ to: called })).map((c) => c.status)).toEqual([
      "completed",
      "completed",
    ]);
  });

  it("says in one line, exit 2, what is wrong with the number", async () => {
    const runs = [
      await chat(["--number", "+15017122699"]),
      await chat(["--number", "501-712-2661"]),
      await chat(["--number", idle]),
      await chat(["--number", texted, "--call"]),
      await chat(["--address", texted, "--call"]),
      await chat(["--address", texted, "--number", texted]),
    ];
    expect(runs.map((r) => [r.code, r.out, r.err])).toEqual([
      [
        2,
        "",
        `studiokit chat: +15017122699 is not a number of the emulator's account ${accountSid}; start it with --number +15017122699\n`,
      ],
      [
        2,
        "",
        'studiokit chat: --number "501-712-2661" is not an E.164 phone number; write it as +15017122661\n',
      ],
      [
        2,
        "",
        `studiokit chat: number ${idle} sends its SMS to https://example.com/sms, not to a Studio flow of this account; the emulator calls no other webhooks\n`,
      ],
      [
        2,
        "",
        `studiokit chat: number ${texted} has no voice webhook (VoiceUrl is empty); point it at a Studio flow's webhook URL\n`,
      ],
      [2, "", "studiokit chat: --call needs --number: the number to call\n"],
      [2, "", expect.stringContaining("studiokit chat: with --emulator give --address") as unknown as string],
    ]);
  });
});
