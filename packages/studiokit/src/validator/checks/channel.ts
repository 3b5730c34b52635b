import { type TriggerEvent } from "../../definition/types";
import { type FlowIndex } from "../flow-index";
import { reachable, triggerIndex } from "../graph";
import { type ValidationIssue } from "../issue";

/** Trigger events that start an execution without a call. */
const callless: ReadonlySet<TriggerEvent> = new Set([
  "incomingMessage",
  "incomingConversationMessage",
  "incomingRequest",
]);
const placesCall = (type: string | undefined) =>
  type === "make-outgoing-call-v1" || type === "make-outgoing-call-v2";

/**
 * A voice widget (Say/Play, Gather…) needs a call. Warn when one is reached only from call-less
 * trigger events and by no path through Make Outgoing Call. A Subflow (incomingParent) inherits
 * its parent's channel, so it counts as possibly a call.
 */
export function checkChannels(flow: FlowIndex): ValidationIssue[] {
  const start = triggerIndex(flow);
  const trigger = start === undefined ? undefined : flow.states[start];
  if (start === undefined || !trigger) return [];
  const targets = (events: (event: string) => boolean) =>
    trigger.transitions.flatMap((t) => (events(t.event) && t.next ? [flow.byName.get(t.next)] : []));
  const isCallless = (event: string) => callless.has(event as TriggerEvent);
  const calls = flow.states.map((state) => placesCall(state.type));
  const edges = flow.edges.edges();
  const withoutCall = reachable(edges, targets(isCallless), (i) => !calls[i]);
  const callStarts = targets((event) => !isCallless(event));
  calls.forEach((call, i) => {
    if (call) callStarts.push(i);
  });
  const withCall = reachable(edges, callStarts);
  const issues: ValidationIssue[] = [];
  flow.states.forEach((_state, i) => {
    const spec = flow.spec(i);
    if (spec?.channel !== "voice" || !withoutCall[i] || withCall[i]) return;
    issues.push(
      flow.issue(
        i,
        "channel",
        [],
        `${spec.label} needs a call, but it is reached only from trigger events that start without one (message, conversation or REST API) and never after a Make Outgoing Call`,
      ),
    );
  });
  return issues;
}
