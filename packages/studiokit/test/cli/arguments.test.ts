import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { specs, type CommandSpec } from "../../src/cli";
import { startEmulator, type Emulator } from "../../src/emulator";
import { accountSid, authToken } from "../support/emulator";
import { cli, project, seedJson } from "./fixtures";

const dir = project({ "seed.json": seedJson() });
const stray = "stray-argument-4c1e";

// No command ignores an argument it does not take: one line, exit 2 (`demo extra` ran the demo,
// `emulator … extra` served). The table has a row per command, so a new command needs one.
const withStray: Record<keyof typeof specs, string[]> = {
  compile: ["compile", "seed.json", stray],
  validate: ["validate", "seed.json", stray],
  test: ["test", stray],
  chat: ["chat", "seed.json", stray],
  diagram: ["diagram", "seed.json", stray],
  diff: ["diff", "seed.json", "seed.json", stray],
  import: ["import", "seed.json", stray],
  emulator: ["emulator", "--account-sid", accountSid, "--auth-token", authToken, stray],
  pull: ["pull", "--all", "--out", "pulled", stray],
  dev: ["dev", "--no-open", stray],
  demo: ["demo", stray],
};

/** Runs with the Twilio variables of the environment replaced by `env`. */
async function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const names = ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"];
  const saved = names.map((name) => process.env[name]);
  for (const name of names) delete process.env[name];
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    names.forEach((name, i) => {
      if (saved[i] === undefined) delete process.env[name];
      else process.env[name] = saved[i];
    });
  }
}

describe("an argument a command does not take", () => {
  it("has a row for every command", () => {
    expect(Object.keys(withStray).sort()).toEqual(Object.keys(specs).sort());
  });

  it.each(Object.entries(withStray))("%s: one line, exit 2", async (name, args) => {
    const run = await withEnv({}, () => cli(dir, args, []));
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
    expect(run.stderr).toMatch(new RegExp(`^studiokit ${name}: [^\\n]+\\n$`));
    // Where the command takes no such argument it is not quoted: it may be a secret that lost its flag.
    const spec: CommandSpec = specs[name as keyof typeof specs];
    if (!spec.positionals)
      expect(run.stderr).toBe(
        `studiokit ${name}: takes options only, but 1 other argument was given; usage: ${spec.usage}\n`,
      );
  });
});

// Values that may be secrets, in every flag and variable that can carry one, put where a hurried
// user puts them: no output quotes them; the message names the flag or the variable.
describe("a secret in the wrong place", () => {
  const secret = "tok_5ecret_e0b94d1c";
  const apiKey = `SK${"3".repeat(32)}`;
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ accountSid, authToken });
  });
  afterAll(() => emulator.close());
  let outputs: string[] = [];
  afterEach(() => {
    for (const output of outputs) expect(output).not.toContain(secret);
    outputs = [];
  });

  // The emulator's URL is known once it runs; the table names it EMULATOR.
  const chat = ["chat", "--emulator", "EMULATOR", "--address", "+15017122661"];
  it.each([
    [
      "a token as --account-sid",
      {},
      ["emulator", "--account-sid", secret, "--auth-token", accountSid],
      "studiokit emulator: --account-sid is not an account SID (AC followed by 32 hex digits); --auth-token holds one: are the two swapped?",
    ],
    [
      "a token as TWILIO_ACCOUNT_SID",
      { TWILIO_ACCOUNT_SID: secret, TWILIO_AUTH_TOKEN: authToken },
      ["emulator"],
      "studiokit emulator: TWILIO_ACCOUNT_SID is not an account SID (AC followed by 32 hex digits)",
    ],
    [
      "--api-key secret:SK…",
      {},
      [
        "emulator",
        "--account-sid",
        accountSid,
        "--auth-token",
        authToken,
        "--api-key",
        `${secret}:${apiKey}`,
      ],
      "studiokit emulator: --api-key must be SK…:secret: the part before the colon is not an API key SID (SK followed by 32 hex digits); the SID is after the colon: swap them",
    ],
    [
      "--api-key secret alone",
      {},
      ["emulator", "--account-sid", accountSid, "--auth-token", authToken, "--api-key", secret],
      "studiokit emulator: --api-key must be SK…:secret (the key SID, a colon, the secret)",
    ],
    [
      "--api-key with a short SID",
      {},
      ["emulator", "--account-sid", accountSid, "--auth-token", authToken, "--api-key", `SK12:${secret}`],
      "studiokit emulator: --api-key must be SK…:secret: the part before the colon is not an API key SID (SK followed by 32 hex digits)",
    ],
    [
      "a token that lost its flag",
      {},
      ["emulator", "--account-sid", accountSid, "--auth-token", authToken, secret],
      `studiokit emulator: takes options only, but 1 other argument was given; usage: ${specs.emulator.usage}`,
    ],
    [
      "a misspelt flag",
      {},
      ["emulator", "--account-sid", accountSid, `--auth-tokn=${secret}`],
      "studiokit emulator: Unknown option '--auth-tokn'.",
    ],
    [
      "a token starting with a dash",
      {},
      ["emulator", "--account-sid", accountSid, "--auth-token", `-${secret}`],
      "studiokit emulator: Option '--auth-token' argument is ambiguous.",
    ],
    [
      "a token as chat's --account-sid",
      {},
      [...chat, "--account-sid", secret, "--auth-token", authToken],
      "studiokit chat: --account-sid is not an account SID (AC followed by 32 hex digits)",
    ],
    [
      "credentials in chat's --emulator URL",
      {},
      ["chat", "--emulator", `http://${accountSid}:${secret}@127.0.0.1:4010`, "--address", "+15017122661"],
      "studiokit chat: --emulator must not hold credentials; give them as --account-sid and --auth-token",
    ],
    [
      "chat's --auth-token with a flow file",
      {},
      ["chat", "seed.json", "--auth-token", secret],
      "studiokit chat: --auth-token goes with --emulator, not a flow file;",
    ],
    [
      "a wrong token for the emulator",
      { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: secret },
      chat,
      "studiokit chat: POST /studiokit/v1/Inbound: 401 (20003) Authenticate (check the account SID and auth token the emulator was started with)",
    ],
  ])("%s", async (_name, env, args, line) => {
    const argv = args.map((arg) => (arg === "EMULATOR" ? emulator.url : arg));
    const run = await withEnv(env, () => cli(dir, argv, ["hi"]));
    outputs.push(run.stdout, run.stderr);
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith(line)).toBe(true);
    expect(run.stderr.split("\n")).toHaveLength(2);
  });

  it("in the options of startEmulator", async () => {
    const refused = async (options: Parameters<typeof startEmulator>[0]) => {
      const error = await startEmulator(options).then(
        (e) => e.close().then(() => new Error("started")),
        (e: unknown) => e as Error,
      );
      outputs.push(error.message);
      return error.message;
    };
    expect(await refused({ accountSid: secret, authToken })).toBe(
      "emulator accountSid must be AC followed by 32 hex digits",
    );
    expect(await refused({ accountSid, authToken, apiKeys: { [secret]: apiKey } })).toBe(
      "emulator apiKeys: each key must be an API key SID, SK followed by 32 hex digits",
    );
  });
});

// Names of Object.prototype's properties where a command, an option or a choice is looked up.
describe.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])(
  "the name %s",
  (name) => {
    it.each([
      [[name], `studiokit: unknown command "${name}"; run "studiokit help" for the list`],
      [["validate", `--${name}`], `studiokit validate: Unknown option '--${name}'.`],
      [["chat", "seed.json", "--event", name], `studiokit chat: --event ${name} is not a trigger event;`],
      [["diagram", "seed.json", "--format", name], `studiokit diagram: --format ${name} is not supported;`],
      [["validate", "--stack", name], `studiokit validate: `],
    ])("in %j is refused in one line, exit 2", async (args, start) => {
      const run = await cli(dir, args, []);
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
      expect(run.stderr.startsWith(start)).toBe(true);
      expect(run.stderr.split("\n")).toHaveLength(2);
    });
  },
);
