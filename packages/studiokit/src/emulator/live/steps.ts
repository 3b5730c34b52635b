import { ok, type RequestContext, type Route } from "../context";
import { notFound } from "../errors";
import { page } from "../pagination";
import { executionUrl, findExecution } from "./executions";
import { type LiveExecution } from "./live";

function stepAt(ctx: RequestContext, e: LiveExecution, sid: string | undefined) {
  const index = e.steps.findIndex((s) => s.sid === sid);
  const step = e.execution.steps[index];
  if (index < 0 || !step) throw notFound(ctx.path);
  return { index, step };
}

/**
 * One engine step as Studio's Execution Step: `name` is the event that left the widget,
 * `transitioned_to` is `Ended` when the transition has no `next`. `parent_step_sid` is the step
 * before it (UNCONFIRMED: Studio's spec does not say what a step's parent is).
 */
function renderStep(ctx: RequestContext, e: LiveExecution, index: number) {
  const step = e.execution.steps[index]!;
  const meta = e.steps[index]!;
  const url = `${executionUrl(ctx, e)}/Steps/${meta.sid}`;
  return {
    sid: meta.sid,
    account_sid: ctx.accountSid,
    flow_sid: e.flowSid,
    execution_sid: e.sid,
    parent_step_sid: e.steps[index - 1]?.sid ?? null,
    name: step.name,
    context: step.context,
    transitioned_from: step.transitioned_from,
    transitioned_to: step.transitioned_to,
    type: step.type,
    date_created: meta.date,
    date_updated: null,
    url,
    links: { step_context: `${url}/Context` },
  };
}

export const stepRoutes: Route[] = [
  {
    path: "/v2/Flows/:FlowSid/Executions/:ExecutionSid/Context",
    handlers: {
      GET: (ctx) => {
        const e = findExecution(ctx, ctx.params["ExecutionSid"]);
        return ok({
          account_sid: ctx.accountSid,
          context: e.execution.context,
          flow_sid: e.flowSid,
          execution_sid: e.sid,
          url: `${executionUrl(ctx, e)}/Context`,
        });
      },
    },
  },
  {
    path: "/v2/Flows/:FlowSid/Executions/:ExecutionSid/Steps",
    handlers: {
      // In the order they ran (UNCONFIRMED: Studio's list order).
      GET: (ctx) => {
        const e = findExecution(ctx, ctx.params["ExecutionSid"]);
        const steps = e.steps.map((_s, i) => renderStep(ctx, e, i));
        return ok(page(ctx, "steps", steps, 1000));
      },
    },
  },
  {
    path: "/v2/Flows/:FlowSid/Executions/:ExecutionSid/Steps/:Sid",
    handlers: {
      GET: (ctx) => {
        const e = findExecution(ctx, ctx.params["ExecutionSid"]);
        return ok(renderStep(ctx, e, stepAt(ctx, e, ctx.params["Sid"]).index));
      },
    },
  },
  {
    path: "/v2/Flows/:FlowSid/Executions/:ExecutionSid/Steps/:StepSid/Context",
    handlers: {
      GET: (ctx) => {
        const e = findExecution(ctx, ctx.params["ExecutionSid"]);
        const { step } = stepAt(ctx, e, ctx.params["StepSid"]);
        const sid = ctx.params["StepSid"]!;
        return ok({
          account_sid: ctx.accountSid,
          context: step.context,
          execution_sid: e.sid,
          flow_sid: e.flowSid,
          step_sid: sid,
          url: `${executionUrl(ctx, e)}/Steps/${sid}/Context`,
        });
      },
    },
  },
];
