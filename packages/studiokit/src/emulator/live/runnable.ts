import { parseFlowDefinition, type FlowDefinition } from "../../definition";
import { invalidParameter } from "../errors";
import { type FlowRecord, type FlowRevisionRecord } from "../state";
import { latest } from "../studio/flows";
import { type Store } from "../store";

/** What an execution of a flow runs: one revision's definition and the subflows it calls. */
export interface Runnable {
  readonly flowVersion: number;
  readonly definition: FlowDefinition;
  readonly subflows: Record<string, FlowDefinition>;
}

const parsed = new WeakMap<FlowRevisionRecord, FlowDefinition>();

function definitionOf(flow: FlowRecord, revision: FlowRevisionRecord): FlowDefinition {
  let definition = parsed.get(revision);
  if (!definition) {
    const result = parseFlowDefinition(revision.definition);
    if (!result.ok)
      throw invalidParameter(
        `revision ${revision.revision} of flow ${flow.sid} cannot run: ${result.problems[0]?.path ?? "(root)"}: ${result.problems[0]?.message ?? "not a flow definition"}`,
      );
    definition = result.value;
    parsed.set(revision, definition);
  }
  return definition;
}

const latestPublished = (flow: FlowRecord) => flow.revisions.findLast((r) => r.status === "published");

/**
 * The revision a contact runs: test users run the latest revision (draft or not), everyone else
 * the latest published one (docs/studio-behaviour.md §11). A flow never published runs for test users only.
 */
function revisionFor(flow: FlowRecord, contact: string): FlowRevisionRecord {
  const revision = flow.test_users.includes(contact) ? latest(flow) : latestPublished(flow);
  if (!revision)
    throw invalidParameter(
      `flow ${flow.sid} has no published revision for ${contact} to run; publish it (Status=published) or add ${contact} to its TestUsers`,
    );
  return revision;
}

/** Run Subflow's `flow_revision`: a number, `LatestPublished`, or anything else for the latest. */
function subflowRevision(flow: FlowRecord, wanted: unknown): FlowRevisionRecord | undefined {
  if (wanted === "LatestPublished") return latestPublished(flow);
  if (typeof wanted === "string" && /^\d+$/.test(wanted))
    return flow.revisions.find((r) => r.revision === Number(wanted));
  return latest(flow);
}

/**
 * The subflows a definition calls that are deployed here, keyed by SID as the engine wants them.
 * One definition per SID: the engine does not tell revisions of one subflow apart, and Studio
 * requires every reference to a subflow to use the same revision anyway.
 */
function subflowsOf(store: Store, definition: FlowDefinition): Record<string, FlowDefinition> {
  const subflows: Record<string, FlowDefinition> = {};
  for (const state of definition.states) {
    if (state.type !== "run-subflow") continue;
    const sid = state.properties["flow_sid"];
    const flow = typeof sid === "string" ? store.flows.get(sid) : undefined;
    const revision = flow && subflowRevision(flow, state.properties["flow_revision"]);
    if (flow && revision) subflows[flow.sid] = definitionOf(flow, revision);
  }
  return subflows;
}

/** What `contact` runs when it starts an execution of `flow`; throws a 400 naming the fix when nothing. */
export function runnable(store: Store, flow: FlowRecord, contact: string): Runnable {
  const revision = revisionFor(flow, contact);
  const definition = definitionOf(flow, revision);
  return { flowVersion: revision.revision, definition, subflows: subflowsOf(store, definition) };
}
