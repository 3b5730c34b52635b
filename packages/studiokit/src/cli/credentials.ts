import { sidSchema } from "../definition";
import { CliError } from "./errors";

/*
 * Credentials on the command line (`emulator`, `chat --emulator`). Any of these values may be a
 * secret put in the wrong place (a token given as the account SID), so no message quotes one:
 * they name the flag or the variable it came from.
 */

const accountSidSchema = sidSchema("AC", "Account");
const apiKeySidSchema = sidSchema("SK", "API key");
const isAccountSid = (value: string) => accountSidSchema.safeParse(value).success;

export interface Credentials {
  readonly accountSid: string;
  readonly authToken: string;
}

/**
 * The account SID and auth token from the flags or, where a flag is absent, the environment's
 * TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN. `missing` is the message when either is absent.
 */
export function readCredentials(
  flags: { readonly "account-sid"?: string | undefined; readonly "auth-token"?: string | undefined },
  missing: string,
): Credentials {
  const sid = flags["account-sid"] ?? process.env["TWILIO_ACCOUNT_SID"];
  const token = flags["auth-token"] ?? process.env["TWILIO_AUTH_TOKEN"];
  if (!sid || !token) throw new CliError(missing);
  if (!isAccountSid(sid)) {
    const from = flags["account-sid"] !== undefined ? "--account-sid" : "TWILIO_ACCOUNT_SID";
    const tokenFrom = flags["auth-token"] !== undefined ? "--auth-token" : "TWILIO_AUTH_TOKEN";
    const swapped = isAccountSid(token) ? `; ${tokenFrom} holds one: are the two swapped?` : "";
    throw new CliError(`${from} is not an account SID (AC followed by 32 hex digits)${swapped}`);
  }
  return { accountSid: sid, authToken: token };
}

/** `--api-key SK…:secret` values as SID → secret. */
export function readApiKeys(pairs: readonly string[]): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const pair of pairs) {
    const colon = pair.indexOf(":");
    if (colon < 1) throw new CliError("--api-key must be SK…:secret (the key SID, a colon, the secret)");
    const [sid, secret] = [pair.slice(0, colon), pair.slice(colon + 1)];
    if (!apiKeySidSchema.safeParse(sid).success) {
      const swapped = apiKeySidSchema.safeParse(secret).success
        ? "; the SID is after the colon: swap them"
        : "";
      throw new CliError(
        `--api-key must be SK…:secret: the part before the colon is not an API key SID (SK followed by 32 hex digits)${swapped}`,
      );
    }
    if (secret === "")
      throw new CliError("--api-key must be SK…:secret: the secret after the colon is empty");
    keys[sid] = secret;
  }
  return keys;
}
