/**
 * Where the Twilio credentials come from. The engine hands a dynamic provider the stack's
 * configuration through `configure` (namespaced keys, secrets already unwrapped); the plugin also
 * inherits the CLI's environment. Credentials are never resource inputs: `read` and `delete` only
 * see a resource's stored outputs, so an input token would have to live in the state.
 */

/** The raw values, as read from stack config (`twilio:*`) with the Twilio CLI's variables as fallback. */
export interface ConnectionConfig {
  readonly accountSid?: string | undefined;
  readonly authToken?: string | undefined;
  readonly apiKey?: string | undefined;
  readonly apiSecret?: string | undefined;
  readonly apiBaseUrl?: string | undefined;
}

/** What a client is built from: Basic-auth user and password, and where requests go. */
export interface Connection {
  readonly accountSid: string;
  readonly username: string;
  readonly password: string;
  /** `http://127.0.0.1:PORT` for a local Twilio; absent for the real one. */
  readonly apiBaseUrl?: string;
}

const keys = [
  ["accountSid", "twilio:accountSid", "TWILIO_ACCOUNT_SID"],
  ["authToken", "twilio:authToken", "TWILIO_AUTH_TOKEN"],
  ["apiKey", "twilio:apiKey", "TWILIO_API_KEY"],
  ["apiSecret", "twilio:apiSecret", "TWILIO_API_SECRET"],
  ["apiBaseUrl", "twilio:apiBaseUrl", "TWILIO_API_BASE_URL"],
] as const;

export function readConnectionConfig(
  get: (key: string) => string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ConnectionConfig {
  const out: Record<string, string> = {};
  for (const [field, configKey, envKey] of keys) {
    const value = get(configKey) || env[envKey];
    if (value) out[field] = value;
  }
  return out;
}

/** Resolves the config into a connection, or throws one line naming the missing setting (never a value). */
export function resolveConnection(config: ConnectionConfig | undefined): Connection {
  const c = config ?? {};
  if (!c.accountSid) {
    throw new Error(
      "Twilio account SID missing: set twilio:accountSid (pulumi config set twilio:accountSid AC…) or TWILIO_ACCOUNT_SID",
    );
  }
  if (!/^AC[0-9a-fA-F]{32}$/.test(c.accountSid)) {
    throw new Error(
      "twilio:accountSid must be AC followed by 32 hex characters; copy it from the Twilio console",
    );
  }
  const base = c.apiBaseUrl ? { apiBaseUrl: checkedBaseUrl(c.apiBaseUrl) } : {};
  if (c.apiKey || c.apiSecret) {
    if (!c.apiKey || !c.apiSecret) {
      throw new Error(
        "Twilio API key needs both parts: set twilio:apiKey and the secret twilio:apiSecret (pulumi config set --secret twilio:apiSecret …), or TWILIO_API_KEY and TWILIO_API_SECRET",
      );
    }
    if (!/^SK[0-9a-fA-F]{32}$/.test(c.apiKey)) {
      throw new Error("twilio:apiKey must be an API key SID (SK followed by 32 hex characters)");
    }
    return { accountSid: c.accountSid, username: c.apiKey, password: c.apiSecret, ...base };
  }
  if (!c.authToken) {
    throw new Error(
      "Twilio auth token missing: set the secret twilio:authToken (pulumi config set --secret twilio:authToken …) or TWILIO_AUTH_TOKEN, or use an API key (twilio:apiKey + twilio:apiSecret)",
    );
  }
  return { accountSid: c.accountSid, username: c.accountSid, password: c.authToken, ...base };
}

function checkedBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error("twilio:apiBaseUrl is not a URL; use the form http://127.0.0.1:PORT");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error("twilio:apiBaseUrl must start with http:// or https://");
  }
  return url.origin;
}
