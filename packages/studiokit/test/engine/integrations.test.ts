import { describe, expect, it } from "vitest";
import { widgetHandlers } from "../../src/engine";
import { widgetTypes } from "../../src/definition";
import { contact, flow, run, sms, twilio, widget } from "./helpers";

const rest = {
  event: "incomingRequest",
  from: twilio,
  to: contact,
  parameters: { topic: "billing" },
} as const;

describe("engine/integration widgets", () => {
  it("has a handler for every widget type of the definition room", () => {
    expect(Object.keys(widgetHandlers).sort()).toEqual([...widgetTypes].sort());
  });

  it("start-conversation works only in REST-triggered flows", async () => {
    const d = (trigger: string) =>
      flow(
        trigger,
        "conv",
        widget(
          "conv",
          "start-conversation",
          { created: undefined, failed: undefined },
          { conversation_service_sid: "IS1", participants: [] },
        ),
      );
    const ok = await run(d("incomingRequest"), rest);
    expect(ok.endReason).toEqual({ kind: "finished", widget: "conv", event: "created" });
    expect(ok.context.widgets["conv"]).toEqual({
      conversation: { sid: "CH00000000000000000000000000000001" },
      webhook_sid: "WH00000000000000000000000000000002",
      close_channel_on_execution_end: false,
    });
    const ko = await run(d("incomingMessage"), sms());
    expect(ko.warnings).toEqual([
      {
        kind: "warning",
        code: "rest-only",
        widget: "conv",
        message: 'widget "conv" can only be used in flows triggered by the REST API',
      },
    ]);
    expect(ko.endReason).toEqual({ kind: "finished", widget: "conv", event: "failed" });
  });

  it("resume-conversation keeps the given conversation SID", async () => {
    const d = flow(
      "incomingRequest",
      "r",
      widget(
        "r",
        "resume-conversation",
        { resumed: undefined, failed: undefined },
        { conversation_service_sid: "IS1", conversation_sid: "CH{{flow.data.topic}}" },
      ),
    );
    expect((await run(d, rest)).context.widgets["r"]?.["conversation"]).toEqual({ sid: "CHbilling" });
  });

  it.each([
    [
      "create-task",
      { workflow: "WW1", attributes: '{"t":"{{flow.data.topic}}"}' },
      { TaskSid: "WT00000000000000000000000000000001", Attributes: '{"t":"billing"}' },
    ],
    ["update-sync-object", { data: '{"topic":"{{flow.data.topic}}"}' }, { data: '{"topic":"billing"}' }],
    ["create-chat-channel", { service: "IS1", channel: "CH9" }, { ChannelSid: "CH9" }],
    [
      "add-member-to-chat-channel",
      { service: "IS1", channel: "CH9", identity: "bob" },
      { MemberSid: "MB00000000000000000000000000000001" },
    ],
  ])("%s succeeds at once with made-up SIDs", async (type, props, outputs) => {
    const d = flow(
      "incomingRequest",
      "w",
      widget("w", type, { success: undefined, failed: undefined }, props),
    );
    const e = await run(d, rest);
    expect(e.context.widgets["w"]).toEqual(outputs);
    expect(e.endReason).toEqual({ kind: "finished", widget: "w", event: "success" });
  });

  it.each([
    [
      "create-task",
      { attributes: "{{flow.data.topic}}" },
      "attributes are not a JSON object after Liquid: billing",
    ],
    ["update-sync-object", { data: "[1]" }, "data are not a JSON object after Liquid: [1]"],
    ["create-chat-channel", { channel: "CH9" }, "service must not be empty after Liquid"],
    [
      "add-member-to-chat-channel",
      { service: "{{flow.data.none}}", identity: "bob" },
      "service and channel must not be empty after Liquid",
    ],
  ])("%s fails without calling Twilio when the API would refuse the request", async (type, props, why) => {
    const d = flow(
      "incomingRequest",
      "w",
      widget("w", type, { success: undefined, failed: undefined }, props),
    );
    const e = await run(d, rest);
    expect(e.warnings).toEqual([{ kind: "warning", code: type, widget: "w", message: `widget "w": ${why}` }]);
    expect(e.endReason).toEqual({ kind: "finished", widget: "w", event: "failed" });
    expect(e.context.widgets["w"]).toBeUndefined();
  });

  it.each([
    [
      "send-to-auto-pilot",
      { autopilot_assistant_sid: "UA1", body: "hi", from: "x", timeout: 60 },
      ["sessionEnded", "failure"],
      60,
    ],
    ["understand", {}, ["success", "failed"], undefined],
    [
      "connect-virtual-agent-v2",
      { connector_name: "cx", timeout: 20 },
      ["completed", "live-agent-handoff", "failed"],
      20,
    ],
  ])("%s waits for an outside outcome (and its timeout)", async (type, props, events, timeout) => {
    const wiring = Object.fromEntries([...events, "timeout"].map((ev) => [ev, undefined]));
    const d = flow("incomingMessage", "w", widget("w", type, wiring, props));
    const e = await run(d, sms());
    expect(e.waitingAt).toBe("w");
    await e.callEvent(events[0]!, { Note: "ok" });
    expect(e.endReason).toEqual({ kind: "finished", widget: "w", event: events[0] });
    expect(e.context.widgets["w"]).toEqual({ Note: "ok" });
    const t = await run(d, sms());
    await t.wait(3600);
    expect(t.endReason).toEqual(
      timeout === undefined ? undefined : { kind: "finished", widget: "w", event: "timeout" },
    );
  });
});
