import { randomBytes } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type FlowDefinition } from "../definition";
import { validateDefinition } from "../validator";
import {
  changedWidgets,
  flowHeaderChanged,
  joinDefinition,
  splitDefinition,
  type FlowHeader,
  type SplitDefinition,
  type Widgets,
} from "./flow-shape";
import { checkInputs } from "./runtime/check";
import { flowSidSchema } from "../definition";
import { type TwilioClient } from "./runtime/client";
import { incomplete } from "./runtime/errors";
import { containsUnknown, twilioProvider } from "./runtime/provider";
import { call, createOrAdopt, fetchIfPresent, removeIfPresent, updateVerified } from "./runtime/retry";
import { twilioCheckFailures, validatorFailures } from "./studio-flow-check";

/** The flow's settings besides its definition, as `check` reads them. */
export const flowSettingsSchema = z.object({
  friendlyName: z.string().min(1, "give the flow a friendly name").max(256),
  status: z.enum(["draft", "published"]).default("published"),
  commitMessage: z.string().optional(),
  /**
   * Identities that may run a draft revision; the list replaces Twilio's. Leaving it out leaves
   * Twilio's list alone: the API client cannot send an empty list, so clearing it happens in the
   * console (docs/twilio-rest.md §6).
   */
  testUsers: z
    .array(z.string().min(1))
    .min(1, "give at least one identity, or leave testUsers out (Twilio's API cannot clear the list)")
    .optional(),
  validateWithTwilio: z.boolean().optional(),
  /** Fail `check` on the validator's warnings too, not only its errors (docs/validator.md). */
  strict: z.boolean().optional(),
  /**
   * Take over this existing flow on create instead of making a new one. Pulumi cannot import a
   * dynamic provider's resource (its Read gets no provider code: pulumi/pulumi#16175, #3550), so
   * this is how a flow made in the console comes under Pulumi. Ignored after the create.
   */
  adoptSid: flowSidSchema.optional(),
});
type FlowSettings = z.output<typeof flowSettingsSchema>;

/** Inputs after `check`: the settings plus the definition split into `flow` and `widgets` (flow-shape.ts). */
export type StudioFlowInputs = FlowSettings & SplitDefinition;

/** What the state holds: what Twilio answered, in the same shape as the inputs. */
export interface StudioFlowOutputs extends Omit<
  StudioFlowInputs,
  "validateWithTwilio" | "adoptSid" | "strict"
> {
  readonly sid: string;
  readonly revision: number;
  readonly webhookUrl: string;
  readonly valid: boolean;
  readonly errorCount: number;
  readonly warningCount: number;
  /** Widgets a refresh found changed outside Pulumi (a console edit), by name. */
  readonly driftedWidgets: string[];
}

interface RemoteFlow {
  sid: string;
  friendlyName: string;
  status: "draft" | "published";
  definition: unknown;
  revision: number;
  webhookUrl: string;
  valid: boolean;
  errors: unknown[] | null;
  warnings: unknown[] | null;
  commitMessage: string | null;
}

function outputsFrom(
  flow: RemoteFlow,
  settings: Pick<FlowSettings, "commitMessage" | "testUsers">,
  drifted: string[],
): StudioFlowOutputs {
  const { flow: header, widgets } = splitDefinition(flow.definition as FlowDefinition);
  return {
    sid: flow.sid,
    friendlyName: flow.friendlyName,
    status: flow.status,
    ...(settings.commitMessage !== undefined ? { commitMessage: settings.commitMessage } : {}),
    ...(settings.testUsers !== undefined ? { testUsers: settings.testUsers } : {}),
    flow: header,
    widgets,
    revision: flow.revision,
    webhookUrl: flow.webhookUrl,
    valid: flow.valid,
    errorCount: flow.errors?.length ?? 0,
    warningCount: flow.warnings?.length ?? 0,
    driftedWidgets: drifted,
  };
}

/** Whether the deployed flow already is what `inputs` asks for (so no new revision is needed). */
function matches(flow: RemoteFlow | StudioFlowOutputs, inputs: StudioFlowInputs): boolean {
  const deployed: { flow: FlowHeader; widgets: Widgets } =
    "widgets" in flow ? flow : splitDefinition(flow.definition as FlowDefinition);
  return (
    flow.status === inputs.status &&
    flow.friendlyName === inputs.friendlyName &&
    !flowHeaderChanged(deployed.flow, inputs.flow) &&
    changedWidgets(deployed.widgets, inputs.widgets).length === 0
  );
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

async function fetchFlow(client: TwilioClient, sid: string): Promise<RemoteFlow> {
  return call(`fetch Studio flow ${sid}`, () => client.studio.v2.flows(sid).fetch());
}

async function setTestUsers(client: TwilioClient, sid: string, testUsers: string[]): Promise<void> {
  const users = client.studio.v2.flows(sid).testUsers();
  await updateVerified(
    `set test users of Studio flow ${sid}`,
    () => users.update({ testUsers }),
    () => users.fetch(),
    (now) => sameList(now.testUsers, testUsers),
  );
}

/**
 * Brings flow `id` to `news`: one new revision when the definition, name or status differ (never
 * twice after a lost reply), then the test users when they differ from `olds`. `fetched` is the
 * flow as just fetched, when the caller has it (adoption): it is not fetched again.
 */
async function converge(
  client: TwilioClient,
  id: string,
  olds: RemoteFlow | StudioFlowOutputs,
  news: StudioFlowInputs,
  fetched?: RemoteFlow,
): Promise<StudioFlowOutputs> {
  let flow: RemoteFlow;
  if (matches(olds, news)) {
    flow = fetched ?? (await fetchFlow(client, id));
  } else {
    flow = await updateVerified<RemoteFlow>(
      `update Studio flow ${id}`,
      () =>
        client.studio.v2.flows(id).update({
          status: news.status,
          friendlyName: news.friendlyName,
          definition: joinDefinition(news),
          ...(news.commitMessage !== undefined ? { commitMessage: news.commitMessage } : {}),
        }),
      () => fetchFlow(client, id),
      (now) => matches(now, news),
    );
  }
  const before = "widgets" in olds ? olds.testUsers : undefined;
  if (news.testUsers !== undefined && !sameList(before, news.testUsers)) {
    await setTestUsers(client, id, news.testUsers);
  }
  return outputsFrom(flow, news, []);
}

/** The implementation behind `StudioFlow` (runtime/stub.ts forwards the engine's calls here). */
export const studioFlowProvider = twilioProvider<
  StudioFlowInputs,
  StudioFlowOutputs,
  pulumi.dynamic.ResourceProvider<StudioFlowInputs, StudioFlowOutputs>
>({
  async check(_olds, news) {
    const raw = news as unknown as Record<string, unknown>;
    // A definition built from outputs not known yet (preview): checked again once it is.
    if (containsUnknown(raw["definition"])) return { inputs: news };
    const settings = checkInputs(flowSettingsSchema, raw);
    if (settings.inputs === undefined) return { failures: settings.failures ?? [] };
    const definition = raw["definition"] ?? joinDefinition(raw as unknown as SplitDefinition);
    const issues = validateDefinition(definition);
    const failures = validatorFailures(issues, definition, settings.inputs.strict === true);
    if (failures.length > 0) return { failures };
    const inputs: StudioFlowInputs = {
      ...settings.inputs,
      ...splitDefinition(definition as FlowDefinition),
    };
    if (inputs.validateWithTwilio === true) {
      const twilioFailures = await twilioCheckFailures(this.client(), inputs, joinDefinition(inputs));
      if (twilioFailures.length > 0) return { failures: twilioFailures };
    }
    return { inputs };
  },

  async diff(_id, olds, news) {
    if (containsUnknown(news)) return { changes: true };
    const changes =
      !matches(olds, news) ||
      (news.testUsers !== undefined && !sameList(olds.testUsers, news.testUsers)) ||
      // A state written before `flow`/`widgets` existed cannot be compared: update it.
      olds.widgets === undefined;
    return { changes };
  },

  async create(inputs) {
    const client = this.client();
    const marker = ` [studiokit ${randomBytes(6).toString("hex")}]`;
    const action = `create Studio flow "${inputs.friendlyName}"`;
    if (inputs.adoptSid !== undefined) {
      const adopted = await fetchFlow(client, inputs.adoptSid);
      return { id: adopted.sid, outs: await converge(client, adopted.sid, adopted, inputs, adopted) };
    }
    const created = await createOrAdopt<RemoteFlow>(
      action,
      () =>
        client.studio.v2.flows.create({
          friendlyName: inputs.friendlyName,
          status: inputs.status,
          definition: joinDefinition(inputs),
          commitMessage: (inputs.commitMessage ?? "deployed by studiokit") + marker,
        }),
      async () => {
        // The marker makes a create whose reply was lost recognisable, so it is adopted, not
        // made twice.
        const all = await client.studio.v2.flows.list();
        const mine = all.find(
          (f) => f.friendlyName === inputs.friendlyName && f.commitMessage?.endsWith(marker),
        );
        return mine === undefined ? undefined : fetchFlow(client, mine.sid);
      },
    );
    try {
      if (inputs.testUsers !== undefined) await setTestUsers(client, created.sid, inputs.testUsers);
    } catch (error) {
      // The flow exists: report it as created-but-incomplete so the engine keeps track of it.
      throw incomplete(error, action, created.sid, outputsFrom(created, {}, []));
    }
    return { id: created.sid, outs: outputsFrom(created, inputs, []) };
  },

  async update(id, olds, news) {
    return { outs: await converge(this.client(), id, olds, news) };
  },

  async read(id, props) {
    const client = this.client();
    const flow = await fetchIfPresent(`fetch Studio flow ${id}`, () => client.studio.v2.flows(id).fetch());
    if (flow === undefined) return {};
    const testUsers = await call(`fetch test users of Studio flow ${id}`, () =>
      client.studio.v2.flows(id).testUsers().fetch(),
    );
    const remote = splitDefinition(flow.definition as FlowDefinition);
    const drifted = props?.widgets === undefined ? [] : changedWidgets(props.widgets, remote.widgets);
    // Test users are managed once declared or once someone set some; an empty list never
    // appears out of nowhere in the inputs (it would show in every later preview).
    const managed = props?.testUsers !== undefined || testUsers.testUsers.length > 0;
    const settings = {
      ...(props?.commitMessage !== undefined ? { commitMessage: props.commitMessage } : {}),
      ...(managed ? { testUsers: testUsers.testUsers } : {}),
    };
    const outs = outputsFrom(flow, settings, drifted);
    const {
      sid: _sid,
      revision: _r,
      webhookUrl: _w,
      valid: _v,
      errorCount: _e,
      warningCount: _c,
      driftedWidgets: _d,
      ...inputs
    } = outs;
    return { id, props: outs, inputs: inputs as StudioFlowOutputs };
  },

  async delete(id) {
    const flow = this.client().studio.v2.flows(id);
    await removeIfPresent(
      `delete Studio flow ${id}`,
      () => flow.remove(),
      () => flow.fetch(),
    );
  },
});
