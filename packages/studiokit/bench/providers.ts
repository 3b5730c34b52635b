// Three measurements of studiokit's Pulumi providers (`npm run bench -- providers`), each driven
// through the SDK's dynamic-provider plugin over gRPC (the engine's path) against the local Twilio,
// counted from the emulator's store.
//   no-op preview: check + diff over the tutorial (the compiled builder flow and the seed
//       export) and every real flow, written five ways
//       (as deployed, reformatted, reordered, Studio's defaults spelt out, left out) → changes
//       and Twilio calls.
//   fault soak: create → update → no-op → refresh → delete of every resource at 30% mixed faults
//       and at 70% dropped connections, several seeds: duplicates, orphans, lost updates (and
//       ghosts, unreported updates: anything the store holds that the provider did not report).
//   lost replies: creates whose reply is lost after Twilio applied them → duplicates.
// BENCH_ROUNDS (default: 100 resources in all) sets the fault soak's rounds per resource and the
// lost-reply creates per resource; BENCH_SEEDS (default 1,2,3,4,5) the soak's seeds. Retries back
// off from about 1 ms (STUDIOKIT_RETRY_DELAY_MS, src/providers/runtime/client.ts; the plugin
// inherits it): the local Twilio answers at once, and the figures are about outcomes.
import fs from "node:fs";
import tutorialFlow from "../test/fixtures/project/flows/do-you-like-bots";
import { compile } from "../src/compiler";
import { parseFlowDefinition, type FlowDefinition } from "../src/definition";
import { type FaultOptions } from "../src/emulator";
import { type ProviderName } from "../src/providers";
import { validateDefinition } from "../src/validator";
import { cycleFixtures, cycleSpecs, runCycles } from "../test/providers/harness/cycles";
import { startStack } from "../test/providers/harness/stack";
import {
  reformatted,
  reordered,
  withoutStudioDefaults,
  withStudioDefaults,
} from "../test/providers/harness/variants";
import { legacyFlowFile, realFlows, seedFlowPath } from "../test/support/fixtures";

const providerCount = Object.keys(cycleSpecs).length;
const rounds = Number(process.env["BENCH_ROUNDS"] ?? Math.ceil(100 / providerCount));
const print = (line: string) => process.stdout.write(`${line}\n`);

function flows(): Array<{ file: string; definition: FlowDefinition }> {
  const all = [
    {
      file: "seed/do-you-like-bots.json",
      json: JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as unknown,
    },
    ...realFlows().filter((f) => f.file !== legacyFlowFile),
  ];
  const parsedFlows = all.map((f) => {
    const parsed = parseFlowDefinition(f.json);
    if (!parsed.ok) throw new Error(`${f.file}: ${parsed.problems[0]?.message}`);
    return { file: f.file, definition: parsed.value };
  });
  // A flow studiokit's validator rejects fails check, so it cannot be deployed or previewed.
  const rejected = parsedFlows.filter((f) =>
    validateDefinition(f.definition).some((i) => i.severity === "error"),
  );
  for (const f of rejected)
    print(`no-op preview skips ${f.file}: the validator rejects it (studiokit validate says why)`);
  // The tutorial as infra/ deploys it: the builder flow, compiled.
  return [
    { file: "flows/do-you-like-bots.ts", definition: compile(tutorialFlow) },
    ...parsedFlows.filter((f) => !rejected.includes(f)),
  ];
}

async function p4(): Promise<void> {
  const stack = await startStack();
  try {
    const variants = { reformatted, reordered, withStudioDefaults, withoutStudioDefaults };
    let previews = 0;
    let changes = 0;
    let calls = 0;
    const started = Date.now();
    for (const [i, { file, definition }] of flows().entries()) {
      const flow = stack.resource("studioFlow", `p4-${i}`);
      await flow.up({ friendlyName: file, definition });
      const before = stack.env.emulator.requests.count;
      for (const variant of [(d: FlowDefinition) => d, ...Object.values(variants)]) {
        previews += 1;
        if ((await flow.preview({ friendlyName: file, definition: variant(definition) })) !== "same")
          changes += 1;
      }
      calls += stack.env.emulator.requests.count - before;
    }
    const ms = (Date.now() - started) / previews;
    print(`no-op preview: ${previews} previews of ${previews / 5} flows (check + diff each)`);
    print(
      `   changes reported: ${changes}; Twilio API calls: ${calls}; about ${ms.toFixed(0)} ms per preview`,
    );
  } finally {
    await stack.close();
  }
}

const mixes: Record<string, FaultOptions> = {
  "30% mixed faults (429 with Retry-After, 500, 503, drop, slow)": {
    rate: 0.3,
    kinds: ["429", "500", "503", "drop", "slow"],
    retryAfterSeconds: 0,
    slowMs: 50,
  },
  "70% dropped connections (reads too; half the dropped writes applied)": { rate: 0.7, kinds: ["drop"] },
};

/** Backoff from about 1 ms unless the caller chose: see the header. */
const quickRetries = () => {
  process.env["STUDIOKIT_RETRY_DELAY_MS"] ??= "1";
};

/** The fault soak (`npm run bench -- fault-soak`): every mix, every seed, `rounds` cycles of each resource. */
export async function faultSoak(): Promise<void> {
  quickRetries();
  const seeds = (process.env["BENCH_SEEDS"] ?? "1,2,3,4,5").split(",").map(Number);
  print(
    `fault soak: ${rounds * providerCount} resources per run (${rounds} of each of ${providerCount} providers) through create, update, no-op, refresh, delete; 10 rounds at a time`,
  );
  let clean = true;
  for (const [mix, faults] of Object.entries(mixes)) {
    print(`   ${mix}:`);
    for (const seed of seeds) {
      const stack = await startStack();
      try {
        const started = Date.now();
        const run = await runCycles(stack, rounds, { ...faults, seed }, 10);
        const t = Object.values(run.tallies);
        const sum = (key: "duplicates" | "orphans" | "ghosts" | "lostUpdates" | "unreportedUpdates") =>
          t.reduce((n, x) => n + x[key], 0);
        const failures = t.flatMap((x) => x.failures);
        const mismatches =
          sum("duplicates") + sum("orphans") + sum("ghosts") + sum("lostUpdates") + sum("unreportedUpdates");
        clean &&= mismatches === 0;
        print(
          `      seed ${seed}: ${run.requests} requests, ${run.faults} faults, ${run.appliedThenDropped} replies lost after the write was applied; ` +
            `${sum("duplicates")} duplicates, ${sum("orphans")} orphans, ${sum("lostUpdates")} lost updates, ` +
            `${sum("ghosts")} ghosts, ${sum("unreportedUpdates")} unreported updates; ${failures.length} operations reported failed; ` +
            `${((Date.now() - started) / 1000).toFixed(1)} s: ${mismatches === 0 ? "MET" : "MISSED"}`,
        );
        for (const failure of failures.slice(0, 3)) print(`         ${failure}`);
      } finally {
        await stack.close();
      }
    }
  }
  if (!clean) process.exitCode = 1;
}

async function r3(): Promise<void> {
  quickRetries();
  const stack = await startStack();
  try {
    const { store } = stack.env.emulator;
    const fixtures = await cycleFixtures(stack.env, rounds);
    stack.env.emulator.requests.clear();
    stack.env.emulator.setFaults({
      rate: 1,
      kinds: ["drop"],
      applyTo: "mutations",
      dropAfterApplyShare: 1,
      seed: 3,
    });
    print(`lost replies: creates whose reply was lost after Twilio applied them (${rounds} per resource):`);
    for (const name of Object.keys(cycleSpecs) as ProviderName[]) {
      let duplicates = 0;
      let adopted = 0;
      for (let r = 0; r < rounds; r++) {
        const resource = stack.resource(name, `r3-${name}-${r}`);
        await resource.up(cycleSpecs[name].v1(r, fixtures));
        const live = cycleSpecs[name].live(store, r, fixtures);
        duplicates += live.length - 1;
        if (live.includes(resource.state!.id)) adopted += 1;
      }
      print(`   ${name.padEnd(22)} ${rounds} lost replies: ${adopted} adopted, ${duplicates} duplicates`);
    }
    const lost = stack.env.emulator.requests.log.filter((r) => r.fault === "drop" && r.applied).length;
    print(`   (${lost} write replies dropped after the write was applied)`);
  } finally {
    stack.env.emulator.setFaults(undefined);
    await stack.close();
  }
}

/** `providers`: all three. */
export async function providersBench(): Promise<void> {
  await p4();
  await faultSoak();
  await r3();
}
