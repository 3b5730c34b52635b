import twilio from "twilio";
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
    const res = await fetch(emulator.url + path, {
      method,
      headers: {
        Authorization: auth,
        ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
        ...headers,
      },
      ...(form ? { body: body.toString() } : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      json: text === "" ? undefined : (JSON.parse(text) as unknown),
    };
  }
  return { emulator, client, raw, auth };
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
