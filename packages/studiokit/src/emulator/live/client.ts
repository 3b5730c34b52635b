import { z } from "zod";
import { callBodySchema, type CallBody } from "./call-wire";
import { type NumberWebhooks } from "./numbers";
import { clockSchema, outcomeSchema, type ClockBody, type OutcomeBody } from "./wire";

const numbersPageSchema = z.object({
  incoming_phone_numbers: z.array(
    z.object({
      phone_number: z.string(),
      sms_url: z.string(),
      sms_application_sid: z.string(),
      voice_url: z.string(),
      voice_application_sid: z.string(),
      trunk_sid: z.string().nullable(),
    }),
  ),
});
const addressSchema = z.object({ auto_creation: z.object({ enabled: z.boolean() }) });

export interface LiveClientOptions {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly accountSid: string;
  readonly authToken: string;
}

/** A failed call, as one line: what was asked, and what the emulator (or the network) answered. */
export class LiveClientError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** The emulator's own words (its error `message`) when it answered, else the whole message. */
    readonly reason: string = message,
  ) {
    super(message);
    this.name = "LiveClientError";
  }
}

/**
 * Talks to a running emulator over HTTP as a contact would through Twilio: sends inbound
 * messages, moves the simulated clock, and reads any REST resource. The auth token is only ever
 * sent in the Authorization header, never put in an error.
 */
export class LiveClient {
  readonly url: string;
  readonly #auth: string;
  readonly #accountSid: string;

  constructor(options: LiveClientOptions) {
    this.url = options.url.replace(/\/+$/, "");
    this.#accountSid = options.accountSid;
    this.#auth = "Basic " + Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64");
  }

  /** `From` (the contact) says `body` to `To` (a Twilio address). */
  async inbound(from: string, to: string, body: string): Promise<OutcomeBody> {
    return this.#parse(
      outcomeSchema,
      await this.post("/studiokit/v1/Inbound", { From: from, To: to, Body: body }),
    );
  }

  /** Moves the simulated clock `seconds` forward; timeouts due by then fire. */
  async advance(seconds: number): Promise<ClockBody> {
    return this.#parse(clockSchema, await this.post("/studiokit/v1/Clock", { Advance: String(seconds) }));
  }

  /** The account's number `phoneNumber` and where its webhooks point, if the account has it. */
  async number(phoneNumber: string): Promise<NumberWebhooks | undefined> {
    const path = `/2010-04-01/Accounts/${this.#accountSid}/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(phoneNumber)}`;
    const page = this.#parse(numbersPageSchema, await this.get(path));
    return page.incoming_phone_numbers.find((n) => n.phone_number === phoneNumber);
  }

  /** Whether an address configuration auto-creates conversations on `address` (Conversations then takes its messages). */
  async autoCreates(address: string): Promise<boolean> {
    try {
      const found = await this.get(`/v1/Configuration/Addresses/${encodeURIComponent(address)}`);
      return this.#parse(addressSchema, found).auto_creation.enabled;
    } catch (error) {
      if (error instanceof LiveClientError && error.status === 404) return false;
      throw error;
    }
  }

  /** Call `sid` as it stands: every line so far. */
  async fetchCall(sid: string): Promise<CallBody> {
    return this.#parse(callBodySchema, await this.get(`/studiokit/v1/Calls/${sid}`));
  }

  /** `from` dials `to`, a number whose voice webhook is a flow; the flow answers. */
  async call(from: string, to: string): Promise<CallBody> {
    return this.#parse(callBodySchema, await this.post("/studiokit/v1/Calls", { From: from, To: to }));
  }

  /** The caller on call `sid` presses `{ Digits }`, says `{ SpeechResult }`, or hangs up (`{ Status: "completed" }`). */
  async onCall(sid: string, action: Readonly<Record<string, string>>): Promise<CallBody> {
    return this.#parse(callBodySchema, await this.post(`/studiokit/v1/Calls/${sid}`, { ...action }));
  }

  get(path: string): Promise<unknown> {
    return this.#request("GET", path, undefined);
  }

  post(path: string, form: Record<string, string>): Promise<unknown> {
    return this.#request("POST", path, new URLSearchParams(form).toString());
  }

  /** Deletes a REST resource (a finished conversation, an execution…). */
  async delete(path: string): Promise<void> {
    await this.#request("DELETE", path, undefined);
  }

  #parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw new LiveClientError(`${this.url} answered in an unexpected shape; is it a studiokit emulator?`);
    return parsed.data;
  }

  async #request(method: string, path: string, body: string | undefined): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(this.url + path, {
        method,
        headers: {
          Authorization: this.#auth,
          Accept: "application/json",
          ...(body === undefined ? {} : { "Content-Type": "application/x-www-form-urlencoded" }),
        },
        ...(body === undefined ? {} : { body }),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown } }).cause?.code;
      throw new LiveClientError(
        `cannot reach the emulator at ${this.url} (${typeof cause === "string" ? cause : "no connection"}); start it with studiokit emulator or studiokit demo --keep`,
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      throw new LiveClientError(
        `${method} ${path}: the answer (${response.status}) is not JSON`,
        response.status,
      );
    }
    if (response.ok) return json;
    const error = (json ?? {}) as { code?: unknown; message?: unknown };
    const hint =
      response.status === 401 ? " (check the account SID and auth token the emulator was started with)" : "";
    const reason = `${typeof error.message === "string" ? error.message : `HTTP ${response.status}`}${hint}`;
    const code = typeof error.code === "number" ? ` (${error.code})` : "";
    throw new LiveClientError(
      `${method} ${path}: ${response.status}${code} ${reason}`,
      response.status,
      reason,
    );
  }
}
