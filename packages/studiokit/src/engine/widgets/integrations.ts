import { type JsonObject } from "../types";
import { external } from "./external";
import { next, parseJsonObject, type WidgetHandler, type WidgetRun } from "./handler";

const flexWait = external("send-to-flex", {
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
export const sendToAutoPilot = external("send-to-auto-pilot", {
  timeoutSeconds: (run) => run.number("timeout", 14400),
});
export const understand = external("understand");
export const connectVirtualAgent = external("connect-virtual-agent", { callParams: true });
export const connectVirtualAgentV2 = external("connect-virtual-agent-v2", {
  callParams: true,
  timeoutSeconds: (run) => {
    const seconds = run.number("timeout", 0);
    return seconds > 0 ? seconds : undefined;
  },
});

/**
 * A Twilio API call the simulation answers at once: `failed` with a warning when the request
 * lacks what the API requires (`problem` says what), else `success` with made-up SIDs. The
 * outputs and the checks are UNCONFIRMED (docs/studio-behaviour.md §8).
 */
function apiCall(
  problem: (run: WidgetRun) => string | undefined,
  outputs: (run: WidgetRun) => JsonObject,
): WidgetHandler {
  return {
    enter(run) {
      const why = problem(run);
      if (why === undefined) return next("success", outputs(run));
      run.warn(run.state.type, `widget "${run.name}": ${why}`);
      return next("failed");
    },
  };
}

const jsonObject = (run: WidgetRun, key: string, what: string) => {
  const text = run.text(key, "{}") || "{}";
  return parseJsonObject(text) === undefined
    ? `${what} are not a JSON object after Liquid: ${text}`
    : undefined;
};
const required = (run: WidgetRun, keys: readonly string[]) => {
  const missing = keys.filter((k) => run.text(k).trim() === "");
  return missing.length === 0 ? undefined : `${missing.join(" and ")} must not be empty after Liquid`;
};

export const createTask = apiCall(
  (run) => jsonObject(run, "attributes", "attributes"),
  (run) => ({ TaskSid: run.sid("WT"), Attributes: run.text("attributes", "{}") || "{}" }),
);
export const updateSyncObject = apiCall(
  (run) => jsonObject(run, "data", "data"),
  (run) => ({ data: run.text("data") }),
);
export const createChatChannel = apiCall(
  (run) => required(run, ["service"]),
  (run) => ({ ChannelSid: run.text("channel") || run.sid("CH") }),
);
export const addMemberToChatChannel = apiCall(
  (run) => required(run, ["service", "channel", "identity"]),
  (run) => ({ MemberSid: run.sid("MB") }),
);
