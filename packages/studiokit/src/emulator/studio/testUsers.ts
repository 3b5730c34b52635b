import { ok, type RequestContext, type Route } from "../context";
import { type FlowRecord } from "../state";
import { findFlow } from "./flows";

const render = (ctx: RequestContext, flow: FlowRecord) => ({
  sid: flow.sid,
  test_users: flow.test_users,
  url: `${ctx.base}/v2/Flows/${flow.sid}/TestUsers`,
});

export const testUserRoutes: Route[] = [
  {
    path: "/v2/Flows/:Sid/TestUsers",
    handlers: {
      GET: (ctx) => ok(render(ctx, findFlow(ctx, ctx.params["Sid"]))),
      // The list is replaced whole. twilio-node cannot send an empty array (no key at all), so
      // `TestUsers=` (one empty value) clears it (UNCONFIRMED, docs/twilio-rest.md §6).
      POST: (ctx) => {
        const flow = findFlow(ctx, ctx.params["Sid"]);
        ctx.form.required("TestUsers");
        flow.test_users = (ctx.form.list("TestUsers") ?? []).filter((u) => u !== "");
        return ok(render(ctx, flow));
      },
    },
  },
];
