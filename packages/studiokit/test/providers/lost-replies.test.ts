import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { providerImplementations, type ProviderName } from "../../src/providers";
import { type FaultOptions } from "../../src/emulator";
import { accountSid, authToken, withEmulator, type TestEmulator } from "../support/emulator";
import { cycleFixtures, cycleSpecs, type Fixtures } from "./harness/cycles";

// Every write of every provider (create, update, delete) whose replies are lost: the change never
// applied, applied only on the last attempt, or applied every time. Whatever the provider reports
// (done, or failed), the local Twilio's store then holds exactly that: no orphan, no duplicate,
// no lost or unreported update, no resource reported deleted that is still there (or the reverse).

// Backoff of about 1 ms instead of 100 ms (src/providers/runtime/client.ts): every case retries.
beforeAll(() => {
  vi.stubEnv("STUDIOKIT_RETRY_DELAY_MS", "1");
});
afterAll(() => {
  vi.unstubAllEnvs();
});

type Props = Record<string, unknown>;
type Write = "create" | "update" | "delete";

/** The first six writes' replies lost: never applied, applied on the sixth only, or always applied. */
const stories: Record<string, NonNullable<FaultOptions["sequence"]>> = {
  "never applied": Array(6).fill("drop"),
  "applied on the last attempt only": [...Array(5).fill("drop"), "drop-after-apply"],
  "applied every time": Array(6).fill("drop-after-apply"),
};

interface Provider {
  connectionConfig: unknown;
  configure(req: { config: { get(k: string): string | undefined } }): Promise<void>;
  check(olds: Props, news: Props): Promise<{ inputs?: Props; failures?: unknown[] }>;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs?: Props }>;
  delete(id: string, props: Props): Promise<void>;
}

/** The provider's implementation, on its own connection to `url` (cases run side by side). */
async function providerFor(name: ProviderName, url: string): Promise<Provider> {
  const provider = { ...providerImplementations[name], connectionConfig: undefined } as unknown as Provider;
  const config: Record<string, string> = {
    "twilio:accountSid": accountSid,
    "twilio:authToken": authToken,
    "twilio:apiBaseUrl": url,
  };
  await provider.configure({ config: { get: (k) => config[k] } });
  return provider;
}

async function checked(provider: Provider, news: Props): Promise<Props> {
  const result = await provider.check({}, news);
  if (!result.inputs) throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
  return result.inputs;
}

/**
 * One write of one provider under one story; answers what the provider reported and what the
 * store holds for the resource's key afterwards.
 */
async function run(name: ProviderName, write: Write, faults: FaultOptions) {
  const env = await withEmulator();
  try {
    return await runOn(env, name, write, faults);
  } finally {
    await env.emulator.close();
  }
}

async function runOn(env: TestEmulator, name: ProviderName, write: Write, faults: FaultOptions) {
  const f: Fixtures = await cycleFixtures(env, 1);
  const spec = cycleSpecs[name];
  const provider = await providerFor(name, env.emulator.url);
  const v1 = await checked(provider, spec.v1(0, f));
  let state: { id: string; outs: Props } | undefined =
    write === "create" ? undefined : await provider.create(v1);
  let version = write === "create" ? 0 : 1;
  env.emulator.requests.clear();
  env.emulator.setFaults(faults);
  let reported: "done" | "failed" = "done";
  let message = "";
  try {
    if (write === "create") {
      state = await provider.create(v1);
      version = 1;
    } else if (write === "update") {
      const v2 = await checked(provider, spec.v2(0, f));
      const { outs } = await provider.update(state!.id, state!.outs, v2);
      state = { id: state!.id, outs: outs ?? {} };
      version = 2;
    } else {
      await provider.delete(state!.id, state!.outs);
      state = undefined;
      version = 0;
    }
  } catch (error) {
    reported = "failed";
    message = String(error);
  } finally {
    env.emulator.setFaults(undefined);
  }
  const store = env.emulator.store;
  const live = spec.live(store, 0, f);
  const lost = env.emulator.requests.log.filter((r) => r.fault === "drop").length;
  return {
    reported,
    message,
    lost,
    /** What the provider's report says the store must hold, and what it holds. */
    expected: { live: state ? [state.id] : [], updated: version === 2 },
    actual: { live, updated: state !== undefined && spec.updated(store, state.id, 0, f) },
  };
}

const writes: Write[] = ["create", "update", "delete"];
const names = Object.keys(cycleSpecs) as ProviderName[];

describe.each(Object.entries(stories))("replies lost, %s", (storyName, story) => {
  it.concurrent.each(names.flatMap((name) => writes.map((write) => [name, write] as const)))(
    "%s %s: the store holds exactly what the provider reports",
    async (name, write) => {
      const outcome = await run(name, write, {
        rate: 0,
        kinds: ["drop"],
        applyTo: "mutations",
        sequence: story,
      });
      expect(outcome.message).not.toContain(authToken);
      expect(outcome.lost).toBeGreaterThan(0);
      expect(outcome.actual).toEqual(outcome.expected);
      // A change that was applied is reported done (one never applied may be, on a later resend).
      if (storyName !== "never applied") expect(outcome.reported).toBe("done");
    },
    60_000,
  );
});

// A conversation's writes go out first (no read before them), so the first request is the write.
describe("the write applied, its reply and every read-back lost", () => {
  it.concurrent.each(writes)(
    "conversation %s: reported failed with its outcome unknown, naming no secret",
    async (write) => {
      const outcome = await run("conversation", write, {
        rate: 0,
        kinds: ["drop"],
        sequence: ["drop-after-apply", ...Array<"drop">(100).fill("drop")],
      });
      expect(outcome.reported).toBe("failed");
      const advice =
        write === "create"
          ? "if it was, it is not in the state: look for it in Twilio before the next pulumi up"
          : "run pulumi refresh";
      expect(outcome.message).toMatch(
        /: no reply from Twilio \(ECONNRESET\); whether it was applied is unknown \(.*\): /,
      );
      expect(outcome.message.endsWith(`: ${advice}`)).toBe(true);
      expect(outcome.message).not.toContain(authToken);
      expect(outcome.message).not.toContain(Buffer.from(`${accountSid}:${authToken}`).toString("base64"));
    },
    60_000,
  );
});
