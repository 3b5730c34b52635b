import * as pulumi from "@pulumi/pulumi";
import { PluginError, type Plugin } from "./plugin";

/**
 * What the Pulumi engine does with one custom resource, step by step, against a plugin: `up`
 * runs Check, then Create, or Diff and then Update / Replace / nothing; `refresh` runs Read;
 * `destroy` runs Delete. The state keeps the checked inputs and the outputs, as the engine does;
 * Diff, Read and Delete get the outputs (with `__provider`), as they do from the engine.
 */

type Props = Record<string, unknown>;

export interface ResourceState {
  id: string;
  inputs: Props;
  outputs: Props;
}

export type Step = "create" | "update" | "replace" | "same";

/** The serialized provider, exactly as `dynamic.Resource` makes it. */
export async function providerText(provider: object): Promise<string> {
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return serialized.text;
}

export class ResourceDriver {
  state: ResourceState | undefined;
  readonly urn: string;

  constructor(
    private readonly plugin: Plugin,
    readonly type: string,
    readonly name: string,
    private readonly provider: string,
  ) {
    this.urn = `urn:pulumi:test::studiokit::${type}::${name}`;
  }

  private withProvider(props: Props): Props {
    return { ...props, __provider: this.provider };
  }

  /** Check, failing with the check failures as one line each. */
  async check(news: Props): Promise<Props> {
    const checked = await this.plugin.check(this.urn, this.state?.inputs ?? {}, this.withProvider(news));
    if (checked.failures.length > 0) {
      throw new Error(checked.failures.map((f) => `${f.property}: ${f.reason}`).join("\n"));
    }
    return checked.inputs;
  }

  /** `pulumi preview` for this resource: the step it would take (no Twilio writes). */
  async preview(news: Props): Promise<Step> {
    const inputs = await this.check(news);
    if (!this.state) return "create";
    const diff = await this.plugin.diff(this.urn, this.state.id, this.state.outputs, inputs);
    return diff.replaces.length > 0 ? "replace" : diff.changes === "none" ? "same" : "update";
  }

  async up(news: Props): Promise<Step> {
    const inputs = await this.check(news);
    if (!this.state) {
      const { id, outs } = await this.recorded(inputs, () => this.plugin.create(this.urn, inputs));
      this.state = { id, inputs, outputs: outs };
      return "create";
    }
    const old = this.state;
    const diff = await this.plugin.diff(this.urn, old.id, old.outputs, inputs);
    if (diff.replaces.length > 0) {
      if (diff.deleteBeforeReplace) await this.plugin.delete(this.urn, old.id, old.outputs);
      const { id, outs } = await this.plugin.create(this.urn, inputs);
      if (!diff.deleteBeforeReplace) await this.plugin.delete(this.urn, old.id, old.outputs);
      this.state = { id, inputs, outputs: outs };
      return "replace";
    }
    if (diff.changes === "none") {
      this.state = { ...old, inputs };
      return "same";
    }
    const outputs = await this.recorded(inputs, () =>
      this.plugin.update(this.urn, old.id, old.outputs, inputs),
    );
    this.state = { id: old.id, inputs, outputs };
    return "update";
  }

  /** Runs a create or update; a resource it reports made but unfinished is kept, as the engine does. */
  private async recorded<T>(inputs: Props, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof PluginError && error.initFailed)
        this.state = { id: error.initFailed.id, inputs, outputs: error.initFailed.outs };
      throw error;
    }
  }

  /** `pulumi refresh`: reads the live resource; an empty id means it is gone. */
  async refresh(): Promise<void> {
    if (!this.state) return;
    const read = await this.plugin.read(this.urn, this.state.id, this.state.outputs);
    if (read.id === "") {
      this.state = undefined;
      return;
    }
    const returnedInputs = Object.keys(read.inputs).filter((k) => k !== "__provider").length > 0;
    this.state = {
      id: read.id,
      inputs: returnedInputs ? read.inputs : this.state.inputs,
      outputs: read.outs,
    };
  }

  async destroy(): Promise<void> {
    if (!this.state) return;
    await this.plugin.delete(this.urn, this.state.id, this.state.outputs);
    this.state = undefined;
  }
}
