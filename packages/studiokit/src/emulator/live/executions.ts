import { type JsonObject } from "../../engine";
import { parseJsonText } from "../../definition";
import { created, noContent, ok, type RequestContext, type Route } from "../context";
import { invalidParameter, notFound } from "../errors";
import { page } from "../pagination";
import { findFlow } from "../studio/flows";
import { statusOf, type LiveExecution } from "./live";
import { runnable } from "./runnable";

export const executionUrl = (ctx: RequestContext, e: LiveExecution) =>
  `${ctx.base}/v2/Flows/${e.flowSid}/Executions/${e.sid}`;

/**
 * An execution as Studio answers. `context` is the whole execution context here, as the Context
 * resource shows it (UNCONFIRMED: the spec examples show `{}` on the Execution itself).
 */
export function renderExecution(ctx: RequestContext, e: LiveExecution) {
  const url = executionUrl(ctx, e);
  return {
    sid: e.sid,
    account_sid: ctx.accountSid,
    flow_sid: e.flowSid,
    contact_channel_address: e.contact,
    contact_sid: e.contactSid,
    flow_version: e.flowVersion,
    context: e.execution.context,
    status: statusOf(e),
    date_created: e.dateCreated,
    date_updated: e.dateUpdated,
    initiated_by: e.initiatedBy,
    url,
    links: { steps: `${url}/Steps`, execution_context: `${url}/Context` },
  };
}

/** The execution `sid` of the flow in the path (404 when the flow or the execution is not there). */
export function findExecution(ctx: RequestContext, sid: string | undefined): LiveExecution {
  const flow = findFlow(ctx, ctx.params["FlowSid"]);
  const e = sid === undefined ? undefined : ctx.live.executions.get(sid);
  if (!e || e.flowSid !== flow.sid) throw notFound(ctx.path);
  return e;
}

/** `Parameters`: a JSON object sent as a string (→ `flow.data`). */
function readParameters(ctx: RequestContext): JsonObject {
  const text = ctx.form.string("Parameters");
  if (text === undefined) return {};
  const parsed = parseJsonText(text);
  if (!parsed.ok)
    throw invalidParameter(
      parsed.problem
        ? `Invalid parameter Parameters: ${parsed.problem.path}: ${parsed.problem.message}`
        : `Invalid parameter Parameters: not JSON; send an object such as {"name":"Ada"}`,
    );
  const value = parsed.value;
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalidParameter(`Invalid parameter Parameters: expected a JSON object such as {"name":"Ada"}`);
  return value as JsonObject;
}

function readDateFilter(ctx: RequestContext, name: string): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null) return undefined;
  const time = Date.parse(raw);
  if (Number.isNaN(time))
    throw invalidParameter(`Invalid parameter ${name}: "${raw}" is not an ISO-8601 date-time`);
  return time;
}

function list(ctx: RequestContext) {
  const flow = findFlow(ctx, ctx.params["FlowSid"]);
  // twilio-node sends the status filter as `Status`; the spec spells it `status`.
  const status = ctx.query.get("Status") ?? ctx.query.get("status");
  if (status !== null && status !== "active" && status !== "ended")
    throw invalidParameter(`Invalid parameter Status: "${status}" is not one of active, ended`);
  const from = readDateFilter(ctx, "DateCreatedFrom");
  const to = readDateFilter(ctx, "DateCreatedTo");
  // Newest first (UNCONFIRMED: the order Studio lists executions in).
  const items = [...ctx.live.executions.values()]
    .filter((e) => e.flowSid === flow.sid && (status === null || statusOf(e) === status))
    .filter((e) => {
      const created = Date.parse(e.dateCreated);
      return (from === undefined || created >= from) && (to === undefined || created < to);
    })
    .reverse()
    .map((e) => renderExecution(ctx, e));
  const filters: Record<string, string> = {};
  for (const key of ["Status", "status", "DateCreatedFrom", "DateCreatedTo"]) {
    const value = ctx.query.get(key);
    if (value !== null) filters[key] = value;
  }
  return ok(page(ctx, "executions", items, 1000, 50, filters));
}

/**
 * Create: an `incomingRequest` run of the revision the contact (`To`) gets. A contact with an
 * active execution of the flow gets no second one: the request goes to the active execution,
 * which ignores it (81002) unless it waits for exactly that (docs/studio-behaviour.md §11), and is
 * returned.
 */
async function create(ctx: RequestContext) {
  const flow = findFlow(ctx, ctx.params["FlowSid"]);
  const to = ctx.form.required("To");
  const from = ctx.form.required("From");
  const parameters = readParameters(ctx);
  return ctx.live.serial(async () => {
    const active = ctx.live.activeFor(flow.sid, to);
    if (active) return created(renderExecution(ctx, active));
    const record = await ctx.live.start({
      ...runnable(ctx.store, flow, to),
      flowSid: flow.sid,
      trigger: { event: "incomingRequest", from, to, parameters },
      contact: to,
      address: from,
      // UNCONFIRMED: Studio names a "Request SID" here; its prefix is not documented.
      initiatedBy: null,
      conversationSid: null,
    });
    return created(renderExecution(ctx, record));
  });
}

export const executionRoutes: Route[] = [
  { path: "/v2/Flows/:FlowSid/Executions", handlers: { GET: list, POST: create } },
  {
    path: "/v2/Flows/:FlowSid/Executions/:Sid",
    handlers: {
      GET: (ctx) => ok(renderExecution(ctx, findExecution(ctx, ctx.params["Sid"]))),
      // Only `ended` can be set: Studio stops an execution, it never restarts one.
      POST: (ctx) => {
        const e = findExecution(ctx, ctx.params["Sid"]);
        const status = ctx.form.requiredOneOf("Status", ["active", "ended"] as const);
        if (status === "active" && statusOf(e) === "ended")
          throw invalidParameter(`Execution ${e.sid} has ended; Status can only be set to ended`);
        if (status === "ended") ctx.live.stop(e);
        return ok(renderExecution(ctx, e));
      },
      DELETE: (ctx) => {
        const e = findExecution(ctx, ctx.params["Sid"]);
        ctx.live.remove(e);
        return noContent();
      },
    },
  },
];
