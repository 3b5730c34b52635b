import { type TriggerInput } from "../../engine";
import { ApiError, codes } from "../errors";
import { type Live, type LiveExecution } from "./live";
import { runnable } from "./runnable";

/**
 * Starts an execution of a deployed flow from any trigger event, as Twilio does when that event
 * reaches the flow's webhook (a call or SMS to a number pointed at the flow, a REST request). The
 * contact's messages then reach it through `/studiokit/v1/Inbound` (an execution already talking
 * to the contact outside Conversations takes them).
 */
export async function startFlow(
  live: Live,
  request: {
    readonly flowSid: string;
    readonly trigger: TriggerInput;
    readonly contact: string;
    readonly address: string;
  },
): Promise<LiveExecution> {
  const flow = live.store.flows.get(request.flowSid);
  if (!flow)
    throw new ApiError(
      404,
      codes.notFound,
      `The requested resource /v2/Flows/${request.flowSid} was not found`,
    );
  const active = live.activeFor(flow.sid, request.contact);
  if (active) return active;
  return live.start({
    ...runnable(live.store, flow, request.contact),
    flowSid: flow.sid,
    trigger: request.trigger,
    contact: request.contact,
    address: request.address,
    initiatedBy: null,
    conversationSid: null,
  });
}
