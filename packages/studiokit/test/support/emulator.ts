import http from "node:http";
import twilio from "twilio";
import { roundTrip } from "./http";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator";
import { localTwilio } from "./twilio-local";

export const accountSid = "AC" + "0123456789abcdef".repeat(2);
export const authToken = "emulator-test-token-3f9a";

/** A started emulator plus a twilio client pointed at it and raw-request helpers. */
export async function withEmulator(options: Partial<EmulatorOptions> = {}) {
  const emulator: Emulator = await startEmulator({ accountSid, authToken, ...options });
  const client = localTwilio(emulator.url, accountSid, authToken);
  const auth = "Basic " + Buffer.from(`${accountSid}:${authToken}`).toString("base64");
  /** A raw request; `form` is sent form-encoded as twilio-node does (repeated keys for arrays). */
  async function raw(method: string, path: string, form?: Record<string, string | string[]>, headers = {}) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form ?? {})) for (const item of [v].flat()) body.append(k, item);
    const res = await request(emulator.url + path, method, form ? body.toString() : undefined, {
      Authorization: auth,
      ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      ...headers,
    });
    return { ...res, json: res.text === "" ? undefined : (JSON.parse(res.text) as unknown) };
  }
  return { emulator, client, raw, auth };
}

/** Kept-alive connections for the raw helper (see ./http.ts). */
const agent = new http.Agent({ keepAlive: true });

/** One round trip, the URL parsed (and normalized) as fetch would; headers as fetch gives them. */
async function request(
  href: string,
  method: string,
  body: string | undefined,
  headers: Record<string, string>,
) {
  const url = new URL(href);
  const res = await roundTrip(
    { hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent },
    body,
  );
  const received = new Headers();
  for (const [name, value] of Object.entries(res.headers))
    for (const item of [value ?? []].flat()) received.append(name, item);
  return { status: res.status, headers: received, text: res.text };
}

export type TestEmulator = Awaited<ReturnType<typeof withEmulator>>;

/** The RestException a twilio-node call fails with, as plain data (fails the test if it succeeds). */
export async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof twilio.RestException)
      return { status: error.status, code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** The body of a Twilio REST error, as the emulator answers it. */
export const twilioError = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});
