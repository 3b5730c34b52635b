import * as pulumi from "@pulumi/pulumi";

/**
 * One resource registration as the mocked engine saw it, secrets unwrapped: mocks receive secret
 * inputs still wrapped, while the real engine hands providers plain values.
 */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  /** True where a value arrived wrapped as a secret, at any depth. */
  readonly hadSecret: boolean;
}

const secretSig = "4dabf18193072939515e22adb298388d";

/** Unwraps Pulumi's secret envelopes at any depth, noting whether there was one. */
export function unwrapSecrets(value: unknown, seen: { secret: boolean }): unknown {
  if (Array.isArray(value)) return value.map((v) => unwrapSecrets(v, seen));
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[secretSig] !== undefined && "value" in record) {
      seen.secret = true;
      return unwrapSecrets(record["value"], seen);
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v, seen)]));
  }
  return value;
}

/** A fake SID with Twilio's prefix for a resource, stable per name. */
function sidFor(type: string, name: string): string {
  const prefix = type.endsWith("studio:Flow")
    ? "FW"
    : type.endsWith("AddressConfiguration")
      ? "IG"
      : type.endsWith("Conversation")
        ? "CH"
        : type.endsWith("Participant")
          ? "MB"
          : type.endsWith("PhoneNumber")
            ? "PN"
            : "WH";
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return prefix + hash.toString(16).padStart(8, "0").repeat(4);
}

/**
 * Replaces the engine: every registration is recorded; a dynamic resource gets its inputs back
 * as state plus the outputs the provider would add (sid, revision, webhookUrl).
 */
export async function recordRegistrations(stack = "dev"): Promise<Registration[]> {
  const registrations: Registration[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const seen = { secret: false };
        const inputs = unwrapSecrets(args.inputs, seen) as Record<string, unknown>;
        registrations.push({ type: args.type, name: args.name, inputs, hadSecret: seen.secret });
        if (!args.type.startsWith("pulumi-nodejs:dynamic/")) return { id: undefined, state: {} };
        const sid = sidFor(args.type, args.name);
        const extra = args.type.endsWith("studio:Flow")
          ? { revision: 1, webhookUrl: `https://webhooks.twilio.com/v1/Accounts/AC/Flows/${sid}` }
          : {};
        return { id: sid, state: { ...inputs, sid, ...extra } };
      },
      call: (args) => {
        throw new Error(`unexpected call ${args.token}`);
      },
    },
    "studiokit",
    stack,
    false,
  );
  return registrations;
}

/** The value of an output (every value is known under mocks with preview=false). */
export const valueOf = <T>(output: pulumi.Output<T>): Promise<T> =>
  new Promise((resolve) => output.apply((v) => resolve(v)));
