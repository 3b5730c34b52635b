import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { accountSid, authToken, withEmulator, type TestEmulator } from "../support/emulator";
import { runCycles } from "./harness/cycles";
import { ResourceDriver } from "./harness/engine";
import { startPlugin, type Plugin } from "./harness/plugin";
import { serializeStubs, startStack, typeTokens, type ProviderTexts } from "./harness/stack";

// Credentials come from stack config (Configure) or the Twilio CLI's environment variables, and
// no token ever appears in a provider text, an input, an output, the plugin's log or an error.

const apiKey = "SK" + "5".repeat(32);
const apiSecret = "api-secret-that-must-never-leak-91d0";
const wrongToken = "wrong-token-that-must-never-leak-5b2e";
const secrets = [authToken, apiSecret, wrongToken];

let env: TestEmulator;
let texts: ProviderTexts;
const plugins: Plugin[] = [];
beforeAll(async () => {
  env = await withEmulator({ apiKeys: { [apiKey]: apiSecret } });
  texts = await serializeStubs();
});
afterAll(async () => {
  for (const p of plugins) p.close();
  await env?.emulator.close();
});

async function plugin(config: Record<string, string>, environment: NodeJS.ProcessEnv = {}) {
  const p = await startPlugin(environment);
  plugins.push(p);
  await p.configure(config);
  return p;
}

const noSecretIn = (text: string) => {
  for (const secret of secrets) expect(text).not.toContain(secret);
};

async function createConversation(p: Plugin, name: string): Promise<string> {
  const conversation = new ResourceDriver(p, typeTokens.conversation, name, texts.conversation);
  try {
    await conversation.up({ friendlyName: name });
    noSecretIn(JSON.stringify(conversation.state));
    return "created";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    noSecretIn(message);
    return message;
  }
}

describe("where credentials come from", () => {
  test("an API key and secret from stack config", async () => {
    const p = await plugin({
      "twilio:accountSid": accountSid,
      "twilio:apiKey": apiKey,
      "twilio:apiSecret": apiSecret,
      "twilio:apiBaseUrl": env.emulator.url,
    });
    expect(await createConversation(p, "by-api-key")).toBe("created");
  });

  test("the Twilio CLI's environment variables when the stack config has none", async () => {
    const p = await plugin(
      {},
      { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_API_BASE_URL: env.emulator.url },
    );
    expect(await createConversation(p, "by-env")).toBe("created");
  });
});

describe("errors name the setting and never carry the secret", () => {
  test("a wrong token: Twilio's 401, once (not retried)", async () => {
    env.emulator.requests.clear();
    const p = await plugin({
      "twilio:accountSid": accountSid,
      "twilio:authToken": wrongToken,
      "twilio:apiBaseUrl": env.emulator.url,
    });
    expect(await createConversation(p, "wrong")).toMatch(
      /^create conversation "studiokit-[0-9a-f]{12}": .* \(HTTP 401, Twilio error 20003\)$/,
    );
    expect(env.emulator.requests.log.map((r) => r.status)).toEqual([401]);
    noSecretIn(p.stderr());
  });

  test("no token at all: one line naming both ways to set it", async () => {
    const p = await plugin({ "twilio:accountSid": accountSid, "twilio:apiBaseUrl": env.emulator.url });
    expect(await createConversation(p, "none")).toBe(
      "Twilio auth token missing: set the secret twilio:authToken (pulumi config set --secret twilio:authToken …) or TWILIO_AUTH_TOKEN, or use an API key (twilio:apiKey + twilio:apiSecret)",
    );
  });

  test("nobody listening at the API base URL: no reply, after bounded retries", async () => {
    const p = await plugin({
      "twilio:accountSid": accountSid,
      "twilio:authToken": authToken,
      "twilio:apiBaseUrl": "http://127.0.0.1:9",
    });
    expect(await createConversation(p, "unreachable")).toMatch(
      /^create conversation "studiokit-[0-9a-f]{12}": POST \/v1\/Conversations: no reply from Twilio \(ECONNREFUSED\)$/,
    );
    noSecretIn(p.stderr());
  }, 60_000);
});

test("a whole cycle of every resource: no secret in any provider text, input, output or plugin log", async () => {
  const stack = await startStack();
  try {
    const written: string[] = [];
    const original = stack.resource.bind(stack);
    const drivers: ResourceDriver[] = [];
    stack.resource = (provider, name) => {
      const driver = original(provider, name);
      drivers.push(driver);
      const up = driver.up.bind(driver);
      driver.up = async (news) => {
        const step = await up(news);
        written.push(JSON.stringify(driver.state));
        return step;
      };
      return driver;
    };
    const run = await runCycles(stack, 1);
    expect(Object.values(run.tallies).map((t) => t.failures)).toEqual([[], [], [], [], [], []]);
    expect(written.length).toBe(18);
    for (const text of [...written, ...Object.values(stack.texts), stack.plugin.stderr()]) noSecretIn(text);
  } finally {
    await stack.close();
  }
}, 120_000);

// Every Twilio setting the providers read, with the secret where a hurried user puts it: the
// message names the setting, never the value.
describe("a secret in the wrong Twilio setting", () => {
  test.each([
    [
      "a secret as twilio:accountSid",
      { "twilio:accountSid": apiSecret, "twilio:authToken": accountSid },
      {},
      "twilio:accountSid must be AC followed by 32 hex characters; copy it from the Twilio console",
    ],
    [
      "a secret as TWILIO_ACCOUNT_SID",
      {},
      { TWILIO_ACCOUNT_SID: apiSecret, TWILIO_AUTH_TOKEN: accountSid },
      "twilio:accountSid must be AC followed by 32 hex characters; copy it from the Twilio console",
    ],
    [
      "the API secret as twilio:apiKey",
      { "twilio:accountSid": accountSid, "twilio:apiKey": apiSecret, "twilio:apiSecret": apiKey },
      {},
      "twilio:apiKey must be an API key SID (SK followed by 32 hex characters)",
    ],
    [
      "the API secret as TWILIO_API_KEY, without its SID",
      { "twilio:accountSid": accountSid },
      { TWILIO_API_KEY: apiSecret },
      "Twilio API key needs both parts: set twilio:apiKey and the secret twilio:apiSecret (pulumi config set --secret twilio:apiSecret …), or TWILIO_API_KEY and TWILIO_API_SECRET",
    ],
    [
      "a secret as twilio:apiBaseUrl",
      { "twilio:accountSid": accountSid, "twilio:authToken": authToken, "twilio:apiBaseUrl": apiSecret },
      {},
      "twilio:apiBaseUrl is not a URL; use the form http://127.0.0.1:PORT",
    ],
  ])("%s", async (_name, config, environment, message) => {
    const p = await plugin(config, environment);
    expect(await createConversation(p, "misplaced")).toBe(message);
    noSecretIn(p.stderr());
  });

  test("a URL with credentials in twilio:apiBaseUrl keeps them out of every output", async () => {
    const url = new URL(env.emulator.url);
    url.username = "user";
    url.password = apiSecret;
    const p = await plugin({
      "twilio:accountSid": accountSid,
      "twilio:authToken": authToken,
      "twilio:apiBaseUrl": url.toString(),
    });
    expect(await createConversation(p, "userinfo")).toBe("created");
    noSecretIn(p.stderr());
  });
});
