import * as pulumi from "@pulumi/pulumi";
import { definitionInput, type FlowSource } from "./definition-input";
import { type FlowHeader, type Widgets } from "./flow-shape";
import { providerStub } from "./runtime/stub";

export interface StudioFlowArgs {
  /** The flow's name in the Studio console. */
  readonly friendlyName: pulumi.Input<string>;
  /**
   * A builder flow (`flow({...})`, compiled when the resource is declared) or Studio's definition
   * JSON whose values may be Pulumi inputs; `flowWith` builds either from values known at deploy time.
   */
  readonly definition: pulumi.Input<FlowSource>;
  /** Default `published`: every update goes live. `draft` saves a revision without publishing. */
  readonly status?: pulumi.Input<"draft" | "published">;
  /** Describes the revision an update creates. Changing only the message creates no revision. */
  readonly commitMessage?: pulumi.Input<string>;
  /** Identities allowed to run the draft revision (Studio's test users). */
  readonly testUsers?: pulumi.Input<pulumi.Input<string>[]>;
  /** Also ask Twilio's FlowValidate during `check` (stack config `studiokit:validateWithTwilio`). */
  readonly validateWithTwilio?: pulumi.Input<boolean>;
  /**
   * Fail `check` (preview) on the validator's warnings too, not only its errors: a reference to a
   * widget the flow does not have, an unreachable widget… (stack config `studiokit:flows[].strict`;
   * docs/validator.md lists every code and its severity).
   */
  readonly strict?: pulumi.Input<boolean>;
  /**
   * An existing flow (FW…) to take over on create instead of making a new one; ignored afterwards.
   * This is how a flow made in the console comes under Pulumi: `pulumi import` and the `import`
   * option cannot work for dynamic providers (pulumi/pulumi#16175).
   */
  readonly adoptSid?: pulumi.Input<string>;
}

/** The serialized stand-in for the implementation (runtime/stub.ts); one object, serialized once. */
const provider = providerStub("studioFlow");

/**
 * A Studio flow. `check` validates the definition (studiokit's validator; Twilio's too when asked)
 * and stores it canonically as `flow` + `widgets` keyed by widget name, so `pulumi preview` shows
 * changes per widget and formatting, ordering or Studio's defaults never show as a change. Every
 * update is a new revision.
 */
export class StudioFlow extends pulumi.dynamic.Resource {
  declare readonly sid: pulumi.Output<string>;
  declare readonly friendlyName: pulumi.Output<string>;
  declare readonly status: pulumi.Output<"draft" | "published">;
  declare readonly revision: pulumi.Output<number>;
  /** The trigger URL a phone number's incoming webhook points at. */
  declare readonly webhookUrl: pulumi.Output<string>;
  declare readonly valid: pulumi.Output<boolean>;
  declare readonly errorCount: pulumi.Output<number>;
  declare readonly warningCount: pulumi.Output<number>;
  declare readonly flow: pulumi.Output<FlowHeader>;
  declare readonly widgets: pulumi.Output<Widgets>;
  /** After `pulumi refresh`: the widgets edited outside Pulumi (in the console), by name. */
  declare readonly driftedWidgets: pulumi.Output<string[]>;

  constructor(name: string, args: StudioFlowArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      sid: undefined,
      status: undefined,
      revision: undefined,
      webhookUrl: undefined,
      valid: undefined,
      errorCount: undefined,
      warningCount: undefined,
      flow: undefined,
      widgets: undefined,
      driftedWidgets: undefined,
    };
    const inputs = { ...args, definition: definitionInput(args.definition, `StudioFlow "${name}"`) };
    super(provider, name, { ...outputs, ...inputs }, opts, "studio", "Flow");
  }
}
