import { timingSafeEqual } from "node:crypto";
import { ApiError, codes } from "./errors";

export interface Credentials {
  readonly accountSid: string;
  readonly authToken: string;
  /** API key SID (SK…) → secret; a Map, so a username such as `constructor` finds nothing. */
  readonly apiKeys: ReadonlyMap<string, string>;
}

const unauthorized = () => new ApiError(401, codes.authenticate, "Authenticate");

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * HTTP Basic with the account SID + auth token, or an API key SID + secret. A path naming another
 * account (`/Accounts/AC…/`) is refused the same way. Throws 401/20003; never echoes the secret.
 */
export function authenticate(header: string | undefined, path: string, creds: Credentials): void {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match?.[1]) throw unauthorized();
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw unauthorized();
  const user = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  const expected = user === creds.accountSid ? creds.authToken : creds.apiKeys.get(user);
  if (expected === undefined || !same(secret, expected)) throw unauthorized();
  const account = /\/Accounts\/([^/]+)/.exec(path)?.[1];
  if (account !== undefined && account !== creds.accountSid) throw unauthorized();
}
