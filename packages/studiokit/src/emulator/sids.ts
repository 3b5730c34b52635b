import { randomBytes } from "node:crypto";

/** Twilio SIDs: a two-letter prefix and 32 lower-case hex digits. */
export function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString("hex");
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
