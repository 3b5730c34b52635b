import type * as pulumi from "@pulumi/pulumi";
import { providerImplementations, type ProviderName } from "../implementations";
import { type ConnectionConfig } from "../runtime/settings";

/*
 * The calls `pulumi up` makes for each resource (check, then read, diff and update, or create;
 * delete for what is no longer declared), made directly on studiokit's provider implementations,
 * without the Pulumi engine. `studiokit dev` and `studiokit demo` deploy to the local Twilio this
 * way, through the very provider code a real `pulumi up` runs.
 */

type Props = Record<string, unknown>;

/** What the stack remembers of one resource, as the Pulumi engine keeps it in its state. */
export interface LocalResource {
  readonly provider: ProviderName;
  readonly id: string;
  readonly inputs: Props;
  readonly outputs: Props;
}

export interface LocalStackState {
  /** In creation order; deletions run in reverse. */
  readonly resources: Readonly<Record<string, LocalResource>>;
}

export type LocalStep = "create" | "update" | "replace" | "same";

/** A resource the providers refused or Twilio failed: one line naming the resource. */
export class LocalDeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LocalDeployError";
  }
}

type AnyProvider = pulumi.dynamic.ResourceProvider & { connectionConfig: ConnectionConfig | undefined };

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0];

export class LocalStack {
  readonly #resources = new Map<string, LocalResource>();

  constructor(
    private readonly connection: ConnectionConfig,
    state: LocalStackState = { resources: {} },
  ) {
    for (const [name, resource] of Object.entries(state.resources)) this.#resources.set(name, resource);
  }

  state(): LocalStackState {
    return { resources: Object.fromEntries(this.#resources) };
  }

  get(name: string): LocalResource | undefined {
    return this.#resources.get(name);
  }

  #provider(name: ProviderName): AnyProvider {
    // What `configure` sets from stack config in the plugin process.
    return { ...(providerImplementations[name] as AnyProvider), connectionConfig: this.connection };
  }

  async #run<T>(label: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new LocalDeployError(`${label}: ${firstLine(error)}`);
    }
  }

  /** Declares one resource with these inputs: creates, updates or replaces it, or leaves it alone. */
  async up(
    name: string,
    providerName: ProviderName,
    news: Props,
  ): Promise<{ step: LocalStep; outputs: Props }> {
    const provider = this.#provider(providerName);
    const old = this.#resources.get(name);
    const checked = provider.check
      ? await this.#run(name, () => provider.check!(old?.inputs ?? {}, news))
      : { inputs: news };
    const failures = checked.failures ?? [];
    if (failures.length > 0)
      throw new LocalDeployError(`${name}: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    const inputs = (checked.inputs ?? news) as Props;
    const existing =
      old !== undefined && old.provider === providerName ? await this.#refresh(name, old) : undefined;
    if (existing === undefined)
      return { step: "create", outputs: await this.#create(name, providerName, inputs) };
    const diff = provider.diff
      ? await this.#run(name, () => provider.diff!(existing.id, existing.outputs, inputs))
      : {};
    if (diff.changes === false) {
      this.#resources.set(name, { ...existing, inputs });
      return { step: "same", outputs: existing.outputs };
    }
    if ((diff.replaces?.length ?? 0) > 0) {
      await this.remove(name);
      return { step: "replace", outputs: await this.#create(name, providerName, inputs) };
    }
    const updated = provider.update
      ? await this.#run(name, () => provider.update!(existing.id, existing.outputs, inputs))
      : {};
    const outputs = { ...existing.outputs, ...((updated.outs ?? {}) as Props) };
    this.#resources.set(name, { provider: providerName, id: existing.id, inputs, outputs });
    return { step: "update", outputs };
  }

  /** `pulumi refresh` for one resource: undefined when it is gone (then it is created again). */
  async #refresh(name: string, old: LocalResource): Promise<LocalResource | undefined> {
    const provider = this.#provider(old.provider);
    if (!provider.read) return old;
    const read = await this.#run(name, () => provider.read!(old.id, old.outputs));
    if (read.id === undefined || read.id === "") {
      this.#resources.delete(name);
      return undefined;
    }
    return { ...old, outputs: (read.props ?? old.outputs) as Props };
  }

  async #create(name: string, providerName: ProviderName, inputs: Props): Promise<Props> {
    const provider = this.#provider(providerName);
    const created = await this.#run(name, () => provider.create(inputs));
    const outputs = (created.outs ?? {}) as Props;
    this.#resources.set(name, { provider: providerName, id: created.id, inputs, outputs });
    return outputs;
  }

  /** Deletes one resource (nothing when the stack does not hold it). */
  async remove(name: string): Promise<void> {
    const resource = this.#resources.get(name);
    if (resource === undefined) return;
    const provider = this.#provider(resource.provider);
    if (provider.delete) await this.#run(name, () => provider.delete!(resource.id, resource.outputs));
    this.#resources.delete(name);
  }

  /** Deletes, newest first, every resource not in `keep`: what a program no longer declares. */
  async prune(keep: ReadonlySet<string>): Promise<string[]> {
    const gone = [...this.#resources.keys()].filter((name) => !keep.has(name)).reverse();
    for (const name of gone) await this.remove(name);
    return gone;
  }
}
