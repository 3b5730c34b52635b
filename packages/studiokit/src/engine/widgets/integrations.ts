import { external, immediate } from "./external";
import { next, parseJsonObject, type WidgetHandler, type WidgetRun } from "./handler";

const flexWait = external({
  events: ["callComplete", "failedToEnqueue", "callFailure"],
  callParams: true,
  defaults: (run) => ({ TaskSid: run.sid("WT"), QueueResult: "hangup" }),
});

/**
 * Send to Flex. Attributes that are not a JSON object after Liquid cannot create a task:
 * `failedToEnqueue` with a warning (UNCONFIRMED). In a call it waits for the call's outcome
 * (`callEvent`); in a messaging execution the task is created at once and `callComplete` follows
 * (UNCONFIRMED: Studio's event for messaging tasks).
 */
export const sendToFlex: WidgetHandler = {
  enter(run) {
    const attributes = run.text("attributes", "{}") || "{}";
    const workflow = run.text("workflow");
    run.emit({ kind: "flex", widget: run.name, workflow, attributes });
    if (parseJsonObject(attributes) === undefined) {
      run.warn(
        "send-to-flex",
        `widget "${run.name}": attributes are not a JSON object after Liquid: ${attributes}`,
      );
      return next("failedToEnqueue");
    }
    if (run.isCall) return flexWait.enter(run);
    return next("callComplete", { TaskSid: run.sid("WT"), Attributes: attributes, Age: 0 });
  },
  ...(flexWait.resume ? { resume: flexWait.resume } : {}),
};

/** Start/Resume Conversation exist only in REST-triggered flows (docs/studio-behaviour.md §8). */
function restOnly(event: string, prefix: string): WidgetHandler {
  return {
    enter(run: WidgetRun) {
      if (!("request" in run.context.trigger)) {
        run.warn("rest-only", `widget "${run.name}" can only be used in flows triggered by the REST API`);
        return next("failed");
      }
      const sid = run.text("conversation_sid") || run.sid(prefix);
      return next(event, {
        conversation: { sid },
        webhook_sid: run.sid("WH"),
        close_channel_on_execution_end: false,
      });
    },
  };
}

export const startConversation = restOnly("created", "CH");
export const resumeConversation = restOnly("resumed", "CH");

/** Retired or external services: the test picks the outcome with `callEvent`. */
export const sendToAutoPilot = external({
  events: ["sessionEnded", "failure", "timeout"],
  timeoutSeconds: (run) => run.number("timeout", 14400),
});
export const understand = external({ events: ["success", "failed"] });
export const connectVirtualAgent = external({ events: ["return", "hangup"], callParams: true });
export const connectVirtualAgentV2 = external({
  events: ["completed", "live-agent-handoff", "hangup", "failed", "paused", "timeout"],
  callParams: true,
  timeoutSeconds: (run) => {
    const seconds = run.number("timeout", 0);
    return seconds > 0 ? seconds : undefined;
  },
});

/** API calls the simulation answers at once with made-up SIDs (UNCONFIRMED outputs). */
export const createTask = immediate("success", (run) => ({
  TaskSid: run.sid("WT"),
  Attributes: run.text("attributes", "{}") || "{}",
}));
export const updateSyncObject = immediate("success", (run) => ({ data: run.text("data") }));
export const createChatChannel = immediate("success", (run) => ({
  ChannelSid: run.text("channel") || run.sid("CH"),
}));
export const addMemberToChatChannel = immediate("success", (run) => ({ MemberSid: run.sid("MB") }));
