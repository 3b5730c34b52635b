// What the live benchmarks share: the tutorial deployed to a local Twilio with the
// address-configuration wiring, and percentiles of latencies.
import { compile } from "../src/compiler";
import { type LiveClient } from "../src/emulator";
import tutorial from "../test/fixtures/project/flows/do-you-like-bots";

export const tutorialNumber = "+15017122661";

/** Publishes the tutorial and hands every new conversation on the number to it. */
export async function deployTutorial(client: LiveClient): Promise<string> {
  const flow = (await client.post("/v2/Flows", {
    FriendlyName: "bench",
    Status: "published",
    Definition: JSON.stringify(compile(tutorial)),
  })) as { sid: string };
  await client.post("/v1/Configuration/Addresses", {
    Type: "sms",
    Address: tutorialNumber,
    "AutoCreation.Enabled": "true",
    "AutoCreation.Type": "studio",
    "AutoCreation.StudioFlowSid": flow.sid,
  });
  return flow.sid;
}

/** The `q` quantile of sorted values. */
export const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** A contact number per conversation index. */
export const contactOf = (i: number) => `+1555${String(10_000_000 + i).slice(1)}`;
