import fs from "node:fs";
import { type ProviderName } from "../../../src/providers";
import { type FaultOptions, type Store } from "../../../src/emulator";
import { type TestEmulator } from "../../support/emulator";
import { seedFlowPath } from "../../support/fixtures";
import { type ResourceDriver } from "./engine";
import { type Stack } from "./stack";

// create → update → no-op → refresh → delete for every resource, counted from the emulator's store
// after every step (also under injected faults, test/providers/faults.test.ts), against what the
// provider reported: a duplicate is a second live resource for one key, an orphan a live one the
// state does not hold, a ghost one the state holds that is gone, a lost update an update reported
// done that the store does not show, an unreported update one reported failed that it does show.

type Props = Record<string, unknown>;

export interface Tally {
  cycles: number;
  duplicates: number;
  orphans: number;
  ghosts: number;
  lostUpdates: number;
  unreportedUpdates: number;
  /** A no-op `up` that was not "same". */
  spuriousDiffs: number;
  /** Operations that failed after every retry (the `pulumi up` would have stopped). */
  failures: string[];
}

export interface Fixtures {
  flowA: string;
  flowB: string;
  /** The flows' webhook URLs, for numbers. */
  webhookA: string;
  webhookB: string;
  conversations: string[];
}

export interface CycleSpec {
  v1(round: number, f: Fixtures): Props;
  v2(round: number, f: Fixtures): Props;
  /** The live resources that carry this round's key. */
  live(store: Store, round: number, f: Fixtures): string[];
  /** Whether the live resource shows the second version. */
  updated(store: Store, sid: string, round: number, f: Fixtures): boolean;
}

const tutorial = JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as {
  states: Array<Record<string, unknown>>;
};
const withBody = (body: string) => ({
  ...tutorial,
  states: tutorial.states.map((s) =>
    s["name"] === "send_message_2" ? { ...s, properties: { ...(s["properties"] as object), body } } : s,
  ),
});
const number = (base: number, round: number) => `+1500555${String(base + round).padStart(4, "0")}`;

export const cycleSpecs: Record<ProviderName, CycleSpec> = {
  studioFlow: {
    v1: (r) => ({ friendlyName: `cycle ${r}`, definition: tutorial }),
    v2: (r) => ({ friendlyName: `cycle ${r}`, definition: withBody(`🤖 round ${r}`) }),
    live: (store, r) =>
      [...store.flows.values()]
        .filter((f) => f.revisions.at(-1)?.friendly_name === `cycle ${r}`)
        .map((f) => f.sid),
    updated: (store, sid, r) =>
      JSON.stringify(store.flows.get(sid)?.revisions.at(-1)?.definition).includes(`🤖 round ${r}`),
  },
  addressConfiguration: {
    v1: (r, f) => ({
      type: "sms",
      address: number(1000, r),
      autoCreation: { enabled: true, type: "studio", studioFlowSid: f.flowA, studioRetryCount: 1 },
    }),
    v2: (r, f) => ({
      type: "sms",
      address: number(1000, r),
      friendlyName: `round ${r}`,
      autoCreation: { enabled: true, type: "studio", studioFlowSid: f.flowB, studioRetryCount: 3 },
    }),
    live: (store, r) =>
      [...store.addressConfigurations.values()]
        .filter((a) => a.address === number(1000, r))
        .map((a) => a.sid),
    updated: (store, sid, r) => {
      const a = store.addressConfigurations.get(sid);
      return a?.friendly_name === `round ${r}` && a.auto_creation.studio_retry_count === 3;
    },
  },
  conversation: {
    v1: (r) => ({ uniqueName: `cycle-${r}`, friendlyName: "first" }),
    v2: (r) => ({ uniqueName: `cycle-${r}`, friendlyName: "second", attributes: { round: r } }),
    live: (store, r) =>
      [...store.conversations.values()].filter((c) => c.unique_name === `cycle-${r}`).map((c) => c.sid),
    updated: (store, sid, r) => store.conversations.get(sid)?.attributes === JSON.stringify({ round: r }),
  },
  participant: {
    v1: (r, f) => ({
      conversationSid: f.conversations[r],
      messagingBindingAddress: number(2000, r),
      messagingBindingProxyAddress: "+15005550006",
    }),
    v2: (r, f) => ({
      conversationSid: f.conversations[r],
      messagingBindingAddress: number(2000, r),
      messagingBindingProxyAddress: "+15005550006",
      attributes: { round: r },
    }),
    live: (store, r) =>
      [...store.participants.values()]
        .filter((p) => p.messaging_binding?.address === number(2000, r))
        .map((p) => p.sid),
    updated: (store, sid, r) => store.participants.get(sid)?.attributes === JSON.stringify({ round: r }),
  },
  conversationWebhook: {
    v1: (r, f) => ({ conversationSid: f.conversations[r], target: "studio", flowSid: f.flowA }),
    v2: (r, f) => ({ conversationSid: f.conversations[r], target: "studio", flowSid: f.flowB }),
    live: (store, r, f) =>
      [...store.webhooks.values()].filter((w) => w.conversation_sid === f.conversations[r]).map((w) => w.sid),
    updated: (store, sid, _r, f) => store.webhooks.get(sid)?.configuration["flow_sid"] === f.flowB,
  },
  phoneNumber: {
    v1: (r, f) => ({ phoneNumber: number(3000, r), smsUrl: f.webhookA }),
    v2: (r, f) => ({ phoneNumber: number(3000, r), smsUrl: f.webhookB, voiceUrl: f.webhookB }),
    // The number while studiokit has it: once deleted it must have its own webhooks back.
    live: (store, r) =>
      [...store.incomingPhoneNumbers.values()]
        .filter((n) => n.phone_number === number(3000, r))
        .filter(
          (n) => n.sms_url !== originalSms || n.voice_url !== originalVoice || n.sms_application_sid !== "",
        )
        .map((n) => n.sid),
    updated: (store, sid, _r, f) => {
      const n = store.incomingPhoneNumbers.get(sid);
      return n?.sms_url === f.webhookB && n.voice_url === f.webhookB;
    },
  },
};

/** What the cycles' numbers had before: put back by every delete. */
const originalSms = "https://example.com/original-sms";
const originalVoice = "https://example.com/original-voice";

export const emptyTally = (): Tally => ({
  cycles: 0,
  duplicates: 0,
  orphans: 0,
  ghosts: 0,
  lostUpdates: 0,
  unreportedUpdates: 0,
  spuriousDiffs: 0,
  failures: [],
});

/** Flows, conversations and numbers the cycles point at, made before any fault is switched on. */
export async function cycleFixtures(env: TestEmulator, rounds: number): Promise<Fixtures> {
  const client = env.client;
  const flow = (name: string) =>
    client.studio.v2.flows.create({ friendlyName: name, status: "published", definition: tutorial });
  const [a, b] = [await flow("fixture A"), await flow("fixture B")];
  const conversations: string[] = [];
  for (let r = 0; r < rounds; r++) {
    conversations.push(
      (await client.conversations.v1.conversations.create({ uniqueName: `fixture-${r}` })).sid,
    );
    await client.incomingPhoneNumbers.create({
      phoneNumber: number(3000, r),
      smsUrl: originalSms,
      voiceUrl: originalVoice,
    });
  }
  return { flowA: a.sid, flowB: b.sid, webhookA: a.webhookUrl, webhookB: b.webhookUrl, conversations };
}

type Mismatch = "duplicates" | "orphans" | "ghosts" | "lostUpdates" | "unreportedUpdates";

async function cycle(stack: Stack, provider: ProviderName, round: number, f: Fixtures, tally: Tally) {
  const spec = cycleSpecs[provider];
  const store = stack.env.emulator.store;
  const resource: ResourceDriver = stack.resource(provider, `${provider}-${round}`);
  /** The version the provider reported the store holds: 2 once an update was reported done. */
  let version = 1;
  const found = new Set<Mismatch>();
  const compare = () => {
    const live = spec.live(store, round, f);
    const id = resource.state?.id;
    if (live.length > 1) found.add("duplicates");
    if (live.some((sid) => sid !== id)) found.add("orphans");
    if (id !== undefined && !live.includes(id)) found.add("ghosts");
    if (id !== undefined && live.includes(id)) {
      const updated = spec.updated(store, id, round, f);
      if (version === 2 && !updated) found.add("lostUpdates");
      if (version === 1 && updated) found.add("unreportedUpdates");
    }
  };
  try {
    await resource.up(spec.v1(round, f));
    compare();
    await resource.up(spec.v2(round, f));
    version = 2;
    compare();
    if ((await resource.up(spec.v2(round, f))) !== "same") tally.spuriousDiffs += 1;
    await resource.refresh();
    compare();
    await resource.destroy();
  } catch (error) {
    tally.failures.push(
      `${provider} round ${round}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // Whatever happened, the store holds what the state says, and nothing else for this key.
  compare();
  for (const mismatch of found) tally[mismatch] += 1;
  tally.cycles += 1;
}

/**
 * `rounds` cycles of every resource, faults switched on once the fixtures exist; `concurrency`
 * rounds at a time (each round's resources one after the other), as an engine runs independent
 * resources side by side.
 */
export async function runCycles(stack: Stack, rounds: number, faults?: FaultOptions, concurrency = 1) {
  const f = await cycleFixtures(stack.env, rounds);
  const tallies = Object.fromEntries(Object.keys(cycleSpecs).map((p) => [p, emptyTally()])) as Record<
    ProviderName,
    Tally
  >;
  stack.env.emulator.requests.clear();
  stack.env.emulator.setFaults(faults);
  try {
    let next = 0;
    const worker = async () => {
      for (let round = next++; round < rounds; round = next++)
        for (const provider of Object.keys(cycleSpecs) as ProviderName[])
          await cycle(stack, provider, round, f, tallies[provider]);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    stack.env.emulator.setFaults(undefined);
  }
  const log = stack.env.emulator.requests.log;
  return {
    tallies,
    requests: stack.env.emulator.requests.count,
    faults: log.filter((r) => r.fault !== undefined).length,
    appliedThenDropped: log.filter((r) => r.fault === "drop" && r.applied).length,
  };
}
