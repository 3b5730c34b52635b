import type * as pulumi from "@pulumi/pulumi";
import { twilioClient, type TwilioClient } from "./client";
import { readConnectionConfig, resolveConnection, type ConnectionConfig } from "./settings";

/** What every studiokit provider object carries besides its CRUD methods. */
export interface TwilioProviderBase {
  /** Filled by `configure` in the plugin process; never serialized with a value. */
  connectionConfig: ConnectionConfig | undefined;
  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void>;
  /** A client for this call; throws a one-line message naming the missing setting. */
  client(): TwilioClient;
}

async function configure(this: TwilioProviderBase, req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  this.connectionConfig = readConnectionConfig((key) => req.config.get(key), process.env);
}

function client(this: TwilioProviderBase): TwilioClient {
  // Without configure (an engine that sends no config), the Twilio CLI's variables still apply.
  return twilioClient(
    resolveConnection(this.connectionConfig ?? readConnectionConfig(() => undefined, process.env)),
  );
}

/** A provider implementation: the CRUD methods plus the connection every one of them uses. */
export function twilioProvider<
  Inputs,
  Outputs,
  Methods extends pulumi.dynamic.ResourceProvider<Inputs, Outputs>,
>(methods: Methods & ThisType<Methods & TwilioProviderBase>): Methods & TwilioProviderBase {
  return { connectionConfig: undefined, configure, client, ...methods };
}

/** True when a value (deeply) holds the engine's placeholder for a value not known until apply. */
export function containsUnknown(value: unknown): boolean {
  const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  if (value === unknownValue) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}
