import { providerImplementations, providerStub, type ProviderName } from "../../../src/providers";
import { type FaultOptions } from "../../../src/emulator";
import { accountSid, authToken, withEmulator, type TestEmulator } from "../../support/emulator";
import { providerText, ResourceDriver } from "./engine";
import { startPlugin, type Plugin } from "./plugin";

/** The type token each provider's resources get from `dynamic.Resource` (module/type arguments). */
export const typeTokens: Record<ProviderName, string> = {
  studioFlow: "pulumi-nodejs:dynamic/studio:Flow",
  addressConfiguration: "pulumi-nodejs:dynamic/conversations:AddressConfiguration",
  conversation: "pulumi-nodejs:dynamic/conversations:Conversation",
  participant: "pulumi-nodejs:dynamic/conversations:Participant",
  conversationWebhook: "pulumi-nodejs:dynamic/conversations:Webhook",
  phoneNumber: "pulumi-nodejs:dynamic/api:PhoneNumber",
};

export type ProviderTexts = Record<ProviderName, string>;

let serialized: Promise<ProviderTexts> | undefined;

/**
 * Every provider stub serialized in this (vitest) process, as `dynamic.Resource` would: once per
 * process (about half a second of CPU), since the stubs and so their texts never change in it.
 */
export function serializeStubs(): Promise<ProviderTexts> {
  serialized ??= (async () => {
    const texts: Partial<ProviderTexts> = {};
    for (const name of Object.keys(providerImplementations) as ProviderName[]) {
      texts[name] = await providerText(providerStub(name));
    }
    return texts as ProviderTexts;
  })();
  return serialized;
}

export interface Stack {
  readonly env: TestEmulator;
  readonly plugin: Plugin;
  readonly texts: ProviderTexts;
  /** A resource of one provider, driven through the plugin as the engine would. */
  resource(provider: ProviderName, name: string): ResourceDriver;
  close(): Promise<void>;
}

/**
 * A local Twilio plus the SDK's dynamic-provider plugin configured the way the engine configures
 * it: the stack's `twilio:*` settings through Configure.
 */
export async function startStack(
  options: { faults?: FaultOptions; texts?: ProviderTexts; programDir?: string; numbers?: string[] } = {},
): Promise<Stack> {
  const env = await withEmulator({
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.numbers ? { numbers: options.numbers } : {}),
  });
  const plugin = await startPlugin({}, options.programDir);
  try {
    await plugin.configure({
      "twilio:accountSid": accountSid,
      "twilio:authToken": authToken,
      "twilio:apiBaseUrl": env.emulator.url,
    });
    const texts = options.texts ?? (await serializeStubs());
    return {
      env,
      plugin,
      texts,
      resource: (provider, name) => new ResourceDriver(plugin, typeTokens[provider], name, texts[provider]),
      async close() {
        plugin.close();
        await env.emulator.close();
      },
    };
  } catch (error) {
    plugin.close();
    await env.emulator.close();
    throw error;
  }
}

/** The leaf paths where two property bags differ: what the CLI lists for an update. */
export function propertyDiff(before: unknown, after: unknown, path = ""): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object";
  if (isObject(before) && isObject(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys
      .filter((k) => k !== "__provider")
      .flatMap((k) =>
        propertyDiff(
          before[k],
          after[k],
          Array.isArray(before) ? `${path}[${k}]` : path ? `${path}.${k}` : k,
        ),
      );
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [path];
}
