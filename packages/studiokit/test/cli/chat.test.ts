import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { cli, project, seedJson, spawnCli } from "./fixtures";

const state = (name: string, type: string, transitions: object[], properties: object = {}) => ({
  name,
  type,
  transitions,
  properties,
});
const definition = (event: string, first: string, ...states: object[]) =>
  JSON.stringify({
    description: "chat fixture",
    initial_state: "Trigger",
    states: [state("Trigger", "trigger", [{ event, next: first }]), ...states],
  });

const dir = project({
  "bots.json": seedJson(),
  "ivr.json": definition(
    "incomingCall",
    "menu",
    state(
      "menu",
      "gather-input-on-call",
      [
        { event: "keypress", next: "pressed" },
        { event: "speech", next: "menu" },
        { event: "timeout", next: "menu" },
      ],
      { say: "Press 1 for sales", timeout: 5 },
    ),
    state("pressed", "say-play", [{ event: "audioComplete", next: "hold" }], {
      say: "You pressed {{widgets.menu.Digits}}",
    }),
    state("hold", "connect-call-to", [{ event: "callCompleted" }, { event: "hangup" }], {
      noun: "number",
      to: "+15550100000",
      caller_id: "{{contact.channel.address}}",
    }),
  ),
  "api.json": definition(
    "incomingRequest",
    "hello",
    state("hello", "send-message", [{ event: "sent" }, { event: "failed" }], {
      from: "{{flow.channel.address}}",
      to: "{{contact.channel.address}}",
      body: "Hello {{flow.data.name}}, from {{flow.channel.address}} to {{contact.channel.address}}",
    }),
  ),
  "nothing.json": JSON.stringify({
    initial_state: "Trigger",
    states: [state("Trigger", "trigger", [{ event: "incomingMessage" }])],
  }),
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const banner = (file: string, start: string) =>
  `chatting with ${file}: ${start}; type a reply, or /wait <seconds>, /press <digits>, /speak <text>, /hangup, /quit (/help shows this)\n`;
const botsBanner = banner("bots.json", "incomingConversationMessage from +15558675310 to +15017122661");

describe("cli/chat", () => {
  it("prints what the flow sends and where it waits, and takes replies", async () => {
    expect(await cli(dir, ["chat", "bots.json"], ["Yes", "never read"])).toEqual({
      code: 0,
      stdout:
        botsBanner +
        [
          "flow (send_and_reply_1): Hi, do you like bots?",
          "[waiting at send_and_reply_1]",
          "you: Yes",
          "flow (send_message_2): 🤖",
          "[ended]",
          "",
        ].join("\n"),
      stderr: "",
    });
  });

  it("moves the clock with /wait and explains unknown commands", async () => {
    expect(
      (await cli(dir, ["chat", "bots.json", "--body", "hello"], ["", "/dance", "/wait soon", "/wait 3600"]))
        .stdout,
    ).toBe(
      botsBanner +
        [
          "flow (send_and_reply_1): Hi, do you like bots?",
          "[waiting at send_and_reply_1]",
          "unknown command /dance; type a reply, or /wait <seconds>, /press <digits>, /speak <text>, /hangup, /quit (/help shows this)",
          "[waiting at send_and_reply_1]",
          "/wait needs a number of seconds",
          "[waiting at send_and_reply_1]",
          "· 3600 s passed",
          "[ended]",
          "",
        ].join("\n"),
    );
  });

  it("drives a call with /press, /speak and /hangup; /quit and end of input leave", async () => {
    const out = await cli(
      dir,
      ["chat", "ivr.json"],
      ["/speak sales please", "/press", "/press 1", "/hangup", "/quit"],
    );
    expect(out).toEqual({
      code: 0,
      stdout:
        banner("ivr.json", "incomingCall from +15558675310 to +15017122661") +
        [
          "flow (menu) says: Press 1 for sales",
          "[waiting at menu]",
          'you: said "sales please"',
          "flow (menu) says: Press 1 for sales",
          "[waiting at menu]",
          "/press needs something to send",
          "[waiting at menu]",
          'you: pressed "1"',
          "flow (pressed) says: You pressed 1",
          "· hold connected the call to number +15550100000",
          "[waiting at hold]",
          "you: hung up",
          "[ended]",
          "",
        ].join("\n"),
      stderr: "",
    });
    expect((await cli(dir, ["chat", "ivr.json"], ["/help", "/quit", "/press 1"])).stdout).toBe(
      banner("ivr.json", "incomingCall from +15558675310 to +15017122661") +
        [
          "flow (menu) says: Press 1 for sales",
          "[waiting at menu]",
          "type a reply, or /wait <seconds>, /press <digits>, /speak <text>, /hangup, /quit (/help shows this)",
          "[waiting at menu]",
          "",
        ].join("\n"),
    );
  });

  it("starts REST executions with --parameters; From is the flow's address, To the contact", async () => {
    const out = await cli(
      dir,
      [
        "chat",
        "api.json",
        "--from",
        "+15017122661",
        "--to",
        "+15558675311",
        "--parameters",
        '{"name":"Ada"}',
      ],
      [],
    );
    expect(out.stdout).toBe(
      banner("api.json", "incomingRequest from +15017122661 to +15558675311") +
        "flow (hello): Hello Ada, from +15017122661 to +15558675311\n[ended]\n",
    );
  });

  it("stops with one line for unusable input", async () => {
    const err = async (...args: string[]) => {
      const out = await cli(dir, ["chat", ...args], []);
      expect([out.code, out.stdout]).toEqual([2, ""]);
      return out.stderr;
    };
    expect([
      await err(),
      await err("bots.json", "ivr.json"),
      await err("gone.json"),
      await err("bots.json", "--event", "incomingFax"),
      await err("bots.json", "--event", "toString"),
      await err("nothing.json"),
      await err("api.json", "--parameters", "{name"),
      await err("api.json", "--parameters", "[1]"),
    ]).toEqual([
      "studiokit chat: give one flow file; usage: studiokit chat <flow> [--event <trigger event>] [--from <address>] [--to <address>] [--body <text>] [--parameters <json>] | --emulator <url> (--address <Twilio address> | --number <+1…> [--call]) [--from <contact>] [--account-sid AC… --auth-token T]\n",
      "studiokit chat: give one flow file; usage: studiokit chat <flow> [--event <trigger event>] [--from <address>] [--to <address>] [--body <text>] [--parameters <json>] | --emulator <url> (--address <Twilio address> | --number <+1…> [--call]) [--from <contact>] [--account-sid AC… --auth-token T]\n",
      "studiokit chat: gone.json: no such file\n",
      "studiokit chat: --event incomingFax is not a trigger event; use one of incomingMessage, incomingCall, incomingConversationMessage, incomingRequest, incomingParent\n",
      "studiokit chat: --event toString is not a trigger event; use one of incomingMessage, incomingCall, incomingConversationMessage, incomingRequest, incomingParent\n",
      "studiokit chat: the flow's trigger starts nothing; wire one of incomingMessage, incomingCall, incomingConversationMessage, incomingRequest, incomingParent\n",
      `studiokit chat: --parameters must be JSON, such as '{"name":"Ada"}'\n`,
      "studiokit chat: trigger parameters: Invalid input: expected record, received array\n",
    ]);
  });

  it("talks through the real binary with piped stdin", async () => {
    expect(await spawnCli(dir, ["chat", "bots.json"], "maybe\n")).toEqual({
      code: 0,
      stdout:
        botsBanner +
        [
          "flow (send_and_reply_1): Hi, do you like bots?",
          "[waiting at send_and_reply_1]",
          "you: maybe",
          "flow (send_message_1): 👻",
          "[ended]",
          "",
        ].join("\n"),
      stderr: "",
    });
  });
});
