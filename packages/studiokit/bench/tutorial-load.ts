// What the live benchmarks share: the tutorial deployed to a local Twilio with the
// address-configuration wiring, and percentiles of latencies.
import http from "node:http";
import { compile } from "../src/compiler";
import { type LiveClient } from "../src/emulator";
import { roundTrip } from "../test/support/http";
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

/**
 * A lean HTTP client for load: node:http on kept-alive connections, JSON.parse only. The live
 * benchmarks measure the server, so the load generator spends as little as it can per request.
 */
export function loadClient(url: string, accountSid: string, authToken: string, connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const auth = "Basic " + Buffer.from(`${accountSid}:${authToken}`).toString("base64");
  const target = new URL(url);
  const request = async (method: string, path: string, form?: Record<string, string>): Promise<unknown> => {
    const body = form === undefined ? undefined : new URLSearchParams(form).toString();
    const headers = {
      Authorization: auth,
      ...(body === undefined
        ? {}
        : { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) }),
    };
    const res = await roundTrip(
      { host: target.hostname, port: target.port, method, path, agent, headers },
      body,
    );
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text.slice(0, 200)}`);
    return res.text === "" ? undefined : JSON.parse(res.text);
  };
  return {
    inbound: (from: string, body: string) =>
      request("POST", "/studiokit/v1/Inbound", { From: from, To: tutorialNumber, Body: body }) as Promise<{
        conversation_sid: string;
        replies: Array<{ body: string }>;
      }>,
    delete: (path: string) => request("DELETE", path),
    close: () => agent.destroy(),
  };
}
