import { describe, expect, it } from "vitest";
import * as builder from "../../src/builder";
import {
  addMemberToChatChannel,
  addTwimlRedirect,
  camelCase,
  capturePayments,
  connectCallTo,
  connectVirtualAgent,
  connectVirtualAgentV2,
  createChatChannel,
  createTask,
  enqueueCall,
  equalTo,
  flow,
  forkStream,
  gatherInputOnCall,
  makeHttpRequest,
  makeOutgoingCallV1,
  makeOutgoingCallV2,
  numericStringProperties,
  recordCall,
  recordVoicemail,
  resumeConversation,
  runConversationRelay,
  runFunction,
  runFunctionV2,
  runSubflow,
  sayPlay,
  sendAndWaitForReply,
  sendMessage,
  sendToAutoPilot,
  sendToFlex,
  setVariables,
  splitBasedOn,
  startConversation,
  understand,
  updateSyncObject,
  widgetFactories,
  type AnyWidget,
} from "../../src/builder";
import { compile } from "../../src/compiler";
import { widgetSpecs, widgetTypes, type WidgetType } from "../../src/definition";

/** One widget of every type, with the props Studio requires (defaults left to the compiler). */
const oneOfEach: { [T in Exclude<WidgetType, "trigger">]: () => AnyWidget } = {
  "send-message": () => sendMessage("w", { body: "hi" }),
  "send-and-wait-for-reply": () => sendAndWaitForReply("w", { body: "hi?" }),
  "send-to-auto-pilot": () =>
    sendToAutoPilot("w", { autopilotAssistantSid: "UA1", body: "hi", from: "+1555", timeout: 60 }),
  "start-conversation": () =>
    startConversation("w", { conversationServiceSid: "IS1", participants: [{ address: "+1555" }] }),
  "resume-conversation": () => resumeConversation("w", { conversationServiceSid: "IS1" }),
  "create-chat-channel": () => createChatChannel("w"),
  "add-member-to-chat-channel": () => addMemberToChatChannel("w", { identity: "bob" }),
  "split-based-on": () => splitBasedOn("w", { input: "x" }).when(equalTo("1"), builder.end),
  "set-variables": () => setVariables("w", { variables: [{ key: "k", value: "v" }] }),
  "make-http-request": () => makeHttpRequest("w", { url: "https://example.com" }),
  "run-function": () => runFunction("w", { url: "https://fn.twil.io/x" }),
  "run-function-v2": () => runFunctionV2("w"),
  "run-subflow": () => runSubflow("w", { flowSid: "FW1" }),
  "send-to-flex": () => sendToFlex("w", { workflow: "WW1", channel: "TC1" }),
  "create-task": () => createTask("w"),
  "update-sync-object": () => updateSyncObject("w"),
  understand: () => understand("w"),
  "connect-virtual-agent": () => connectVirtualAgent("w", { connector: "c" }),
  "connect-virtual-agent-v2": () => connectVirtualAgentV2("w"),
  "say-play": () => sayPlay("w", { say: "hello" }),
  "gather-input-on-call": () => gatherInputOnCall("w", { say: "press 1" }),
  "connect-call-to": () => connectCallTo("w", { noun: "number", to: "+1555" }),
  "record-voicemail": () => recordVoicemail("w"),
  "record-call": () => recordCall("w", { recordCall: true }),
  "enqueue-call": () => enqueueCall("w", { queueName: "q" }),
  "make-outgoing-call-v1": () => makeOutgoingCallV1("w"),
  "make-outgoing-call-v2": () => makeOutgoingCallV2("w"),
  "add-twiml-redirect": () => addTwimlRedirect("w", { url: "https://example.com/twiml" }),
  "capture-payments": () => capturePayments("w"),
  "fork-stream": () => forkStream("w", { streamAction: "start" }),
  "run-conversation-relay": () => runConversationRelay("w", { url: "wss://example.com" }),
};

function compiledState(widget: AnyWidget) {
  const definition = compile(flow({ on: { incomingRequest: widget } }));
  const state = definition.states.find((s) => s.name === "w");
  if (!state) throw new Error("widget w missing from the compiled flow");
  return state;
}

describe("widget factories", () => {
  const types = widgetTypes.filter((t): t is Exclude<WidgetType, "trigger"> => t !== "trigger");

  it("has one factory per widget type, named in camelCase after it and exported from the door", () => {
    expect(Object.keys(widgetFactories).sort()).toEqual([...types].sort());
    for (const type of types) {
      const name = camelCase(type.replaceAll("-", "_"));
      expect((builder as Record<string, unknown>)[name]).toBe(widgetFactories[type]);
    }
  });

  it.each(types)("%s compiles to a state its widget spec accepts, every legal event listed", (type) => {
    const state = compiledState(oneOfEach[type]());
    expect(state.type).toBe(type);
    const parsed = widgetSpecs[type].properties.safeParse(state.properties);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(state.transitions.map((t) => t.event)).toEqual(widgetSpecs[type].events);
    expect(state.transitions.every((t) => t.next === undefined)).toBe(true);
  });
});

describe("numericStringProperties", () => {
  it("lists exactly the properties Studio writes as numbers in strings", () => {
    const found: Record<string, string[]> = {};
    for (const type of widgetTypes) {
      const shape = widgetSpecs[type].properties.shape as Record<
        string,
        { safeParse(v: unknown): { success: boolean } }
      >;
      const keys = Object.keys(shape).filter(
        (k) =>
          shape[k]!.safeParse("12").success &&
          !shape[k]!.safeParse("twelve").success &&
          !shape[k]!.safeParse(12).success,
      );
      if (keys.length > 0) found[type] = keys;
    }
    expect(found).toEqual(numericStringProperties);
  });

  it('writes a number given for such a property as Studio\'s string, and a boolean as "true"', () => {
    const props = compiledState(
      makeOutgoingCallV2("w", { machineDetectionTimeout: 30, timeout: 45, detectAnsweringMachine: true }),
    ).properties;
    expect(props).toMatchObject({
      machine_detection_timeout: "30",
      timeout: 45,
      detect_answering_machine: true,
    });
    expect(compiledState(recordVoicemail("w", { playBeep: true })).properties["play_beep"]).toBe("true");
  });
});
