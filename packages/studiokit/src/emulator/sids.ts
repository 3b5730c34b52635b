import { randomBytes } from "node:crypto";

/** Random bytes drawn 4 KiB at a time: a long run makes several SIDs per message. */
let pool = Buffer.alloc(0);
let used = 0;

/** Twilio SIDs: a two-letter prefix and 32 lower-case hex digits. */
export function newSid(prefix: string): string {
  if (used + 16 > pool.length) {
    pool = randomBytes(4096);
    used = 0;
  }
  used += 16;
  return prefix + pool.toString("hex", used - 16, used);
}

export function isSid(prefix: string, value: string): boolean {
  return value.length === 34 && value.startsWith(prefix) && /^[0-9a-fA-F]{32}$/.test(value.slice(2));
}

/** A time (ms since the epoch) in ISO-8601 UTC without milliseconds, as Twilio writes `date_created`. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Now, as `isoTime` writes it. */
export function isoNow(): string {
  return isoTime(Date.now());
}
