import { ok, type RequestContext, type Route } from "../context";
import { ApiError, codes, notFound } from "../errors";
import { page } from "../pagination";
import { type FlowRecord, type FlowRevisionRecord } from "../state";
import { findFlow, latest, revisionFields } from "./flows";

function renderRevision(ctx: RequestContext, flow: FlowRecord, rev: FlowRevisionRecord, full: boolean) {
  return {
    ...revisionFields(flow, rev, full),
    date_created: rev.date_created,
    date_updated: rev.date_updated,
    url: `${ctx.base}/v2/Flows/${flow.sid}/Revisions/${rev.revision}`,
  };
}

/** `{Revision}` is a number, `LatestRevision` or `LatestPublished`; anything else is 81021. */
function pickRevision(ctx: RequestContext, flow: FlowRecord, which: string): FlowRevisionRecord {
  let found: FlowRevisionRecord | undefined;
  if (which === "LatestRevision") found = latest(flow);
  else if (which === "LatestPublished") found = flow.revisions.findLast((r) => r.status === "published");
  else if (/^\d+$/.test(which)) found = flow.revisions.find((r) => r.revision === Number(which));
  else
    throw new ApiError(
      400,
      codes.invalidRevision,
      `Revision "${which}" must be an integer or one of LatestPublished, LatestRevision`,
    );
  if (!found) throw notFound(ctx.path);
  return found;
}

export const revisionRoutes: Route[] = [
  {
    path: "/v2/Flows/:Sid/Revisions",
    handlers: {
      // Newest first (UNCONFIRMED: the order Studio lists revisions in).
      GET: (ctx) => {
        const flow = findFlow(ctx, ctx.params["Sid"]);
        const revisions = [...flow.revisions].reverse().map((r) => renderRevision(ctx, flow, r, false));
        return ok(page(ctx, "revisions", revisions, 1000));
      },
    },
  },
  {
    path: "/v2/Flows/:Sid/Revisions/:Revision",
    handlers: {
      GET: (ctx) => {
        const flow = findFlow(ctx, ctx.params["Sid"]);
        return ok(renderRevision(ctx, flow, pickRevision(ctx, flow, ctx.params["Revision"] ?? ""), true));
      },
    },
  },
];
