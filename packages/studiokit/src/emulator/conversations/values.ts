import { invalidParameter } from "../errors";
import { type Form } from "../form";
import { isoTime } from "../sids";

const durationPattern =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Seconds in an ISO-8601 duration such as `PT10M` (months as 30 days, years as 365). */
export function durationSeconds(name: string, value: string): number {
  const m = durationPattern.exec(value);
  if (!m)
    throw invalidParameter(`Invalid parameter ${name}: "${value}" is not an ISO-8601 duration such as PT10M`);
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return ((((y * 365 + mo * 30 + w * 7 + d) * 24 + h) * 60 + mi) * 60 + s) as number;
}

/** An ISO-8601 duration parameter of at least `minSeconds`. */
export function readDuration(form: Form, name: string, minSeconds: number): string | undefined {
  const value = form.string(name);
  if (value === undefined) return undefined;
  if (durationSeconds(name, value) < minSeconds)
    throw invalidParameter(
      `Invalid parameter ${name}: "${value}" is shorter than ${minSeconds / 60} minutes`,
    );
  return value;
}

/** A date-time parameter, returned in Twilio's `2020-07-01T22:18:37Z` form. */
export function readDate(form: Form, name: string): string | undefined {
  const value = form.string(name);
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw invalidParameter(`Invalid parameter ${name}: "${value}" is not an ISO-8601 date-time`);
  return isoTime(time);
}

/** `Attributes` must be JSON text; kept as sent. */
export function readAttributes(form: Form): string | undefined {
  const value = form.string("Attributes");
  if (value === undefined) return undefined;
  try {
    JSON.parse(value);
  } catch {
    throw invalidParameter(
      `Invalid parameter Attributes: expected a JSON string, got "${value.slice(0, 60)}"`,
    );
  }
  return value;
}

/** A URL parameter (http or https). */
export function readUrl(form: Form, name: string): string | undefined {
  const value = form.string(name);
  if (value === undefined) return undefined;
  let ok = false;
  try {
    ok = ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    ok = false;
  }
  if (!ok) throw invalidParameter(`Invalid parameter ${name}: "${value}" is not an http(s) URL`);
  return value;
}

export function addSeconds(iso: string, seconds: number): string {
  return isoTime(Date.parse(iso) + seconds * 1000);
}
