import { created, noContent, ok, type RequestContext, type Route } from "../context";
import { notFound } from "../errors";
import { page } from "../pagination";
import { isoNow, newSid } from "../sids";
import { type FlowRecord, type FlowRevisionRecord } from "../state";
import { checkDefinition } from "./definition";

const statuses = ["draft", "published"] as const;

export const latest = (flow: FlowRecord): FlowRevisionRecord => flow.revisions[flow.revisions.length - 1]!;

export function findFlow(ctx: RequestContext, sid: string | undefined): FlowRecord {
  const flow = sid === undefined ? undefined : ctx.store.flows.get(sid);
  if (!flow) throw notFound(ctx.path);
  return flow;
}

/**
 * What a flow and its revisions both answer with, from one revision; lists carry no
 * definition/validity (spec `readEmpty`).
 */
export function revisionFields(flow: FlowRecord, rev: FlowRevisionRecord, full: boolean) {
  return {
    sid: flow.sid,
    account_sid: flow.account_sid,
    author_sid: rev.author_sid,
    friendly_name: rev.friendly_name,
    definition: full ? rev.definition : null,
    status: rev.status,
    revision: rev.revision,
    commit_message: rev.commit_message,
    valid: full ? rev.valid : null,
    errors: full ? rev.errors : null,
  };
}

/** The flow as Studio answers: its latest revision, with the flow's own dates, URLs and links. */
export function renderFlow(ctx: RequestContext, flow: FlowRecord, full: boolean) {
  const head = latest(flow);
  const url = `${ctx.base}/v2/Flows/${flow.sid}`;
  return {
    ...revisionFields(flow, head, full),
    warnings: full ? head.warnings : null,
    date_created: flow.date_created,
    date_updated: flow.date_updated,
    // The trigger URL a number's webhook points at; served here by live execution.
    webhook_url: `${ctx.base}/v1/Accounts/${flow.account_sid}/Flows/${flow.sid}`,
    url,
    links: { test_users: `${url}/TestUsers`, revisions: `${url}/Revisions`, executions: `${url}/Executions` },
  };
}

/** Reads the body Flow create, update and Validate share; `previous` fills what update may omit. */
export function readFlowWrite(ctx: RequestContext, previous?: FlowRevisionRecord) {
  const form = ctx.form;
  const status = form.requiredOneOf("Status", statuses);
  const friendlyName = previous ? form.string("FriendlyName") : form.required("FriendlyName");
  const definitionText = previous ? form.string("Definition") : form.required("Definition");
  const checked = definitionText === undefined ? undefined : checkDefinition(definitionText);
  return {
    status,
    friendly_name: friendlyName ?? previous?.friendly_name ?? "",
    definition: checked ? checked.definition : previous?.definition,
    warnings: checked ? checked.warnings : (previous?.warnings ?? []),
    commit_message: form.string("CommitMessage") ?? null,
    author_sid: form.sid("AuthorSid", "US") ?? null,
  };
}

function revisionFrom(
  write: ReturnType<typeof readFlowWrite>,
  revision: number,
  now: string,
): FlowRevisionRecord {
  return { ...write, revision, valid: true, errors: [], date_created: now, date_updated: null };
}

export const flowRoutes: Route[] = [
  {
    path: "/v2/Flows",
    handlers: {
      POST: (ctx) => {
        const write = readFlowWrite(ctx);
        const now = isoNow();
        const flow: FlowRecord = {
          sid: newSid("FW"),
          account_sid: ctx.accountSid,
          date_created: now,
          date_updated: null,
          test_users: [],
          revisions: [revisionFrom(write, 1, now)],
        };
        ctx.store.flows.set(flow.sid, flow);
        return created(renderFlow(ctx, flow, true));
      },
      GET: (ctx) => {
        const flows = [...ctx.store.flows.values()].map((f) => renderFlow(ctx, f, false));
        return ok(page(ctx, "flows", flows, 1000));
      },
    },
  },
  {
    path: "/v2/Flows/:Sid",
    handlers: {
      GET: (ctx) => ok(renderFlow(ctx, findFlow(ctx, ctx.params["Sid"]), true)),
      // Every update is a new revision; Status must be sent every time (docs/twilio-rest.md §2).
      POST: (ctx) => {
        const flow = findFlow(ctx, ctx.params["Sid"]);
        const write = readFlowWrite(ctx, latest(flow));
        const now = isoNow();
        flow.revisions.push(revisionFrom(write, latest(flow).revision + 1, now));
        flow.date_updated = now;
        return ok(renderFlow(ctx, flow, true));
      },
      // Its executions go with it (they could not be listed or fetched any more).
      DELETE: (ctx) => {
        const flow = findFlow(ctx, ctx.params["Sid"]);
        ctx.store.flows.delete(flow.sid);
        ctx.live.removeFlow(flow.sid);
        return noContent();
      },
    },
  },
];
