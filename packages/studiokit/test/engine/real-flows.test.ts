import { describe, expect, it } from "vitest";
import { type FlowDefinition } from "../../src/definition";
import { startExecution, type TriggerInput } from "../../src/engine";
import { legacyFlowFile, realFlows } from "../support/fixtures";
import { contact, twilio } from "./helpers";

/** Every HTTP and Function call answers 200 `{}`, so flows go as far as their own logic takes them. */
const mocks = {
  http: [{ url: "*", status: 200, body: {} }],
  functions: [{ url: "*", status: 200, body: {} }],
};

function triggerFor(event: string): TriggerInput {
  switch (event) {
    case "incomingRequest":
      return { event, from: twilio, to: contact, parameters: {} };
    case "incomingParent":
      return { event, parameters: {} };
    case "incomingCall":
      return { event, from: contact, to: twilio };
    default:
      return { event: event as "incomingMessage", from: contact, to: twilio, body: "hello" };
  }
}

/** The trigger events a flow wires to a widget; a flow wiring none is started by incomingMessage. */
function wiredEvents(definition: FlowDefinition): string[] {
  const trigger = definition.states.find((s) => s.name === definition.initial_state);
  const events = (trigger?.transitions ?? []).filter((t) => t.next).map((t) => t.event);
  return events.length ? events : ["incomingMessage"];
}

/**
 * Where each real flow stops under each wired trigger. Endings on `failed`/`fail` come from
 * templates whose URLs or bodies are filled in at deploy time (warnings, not engine errors).
 */
const expected: Record<string, [string, string, string][]> = {
  "RJPearson94--twilio-sdk-go--flowTrigger.json": [["incomingMessage", "ended", "Trigger"]],
  "anthonywong555--Level-Up-Your-Salesforce-Contact-Center-with-Twilio-Flex--voice-ivr-v2.json": [
    ["incomingCall", "waiting", "SendMessageToAgent"],
  ],
  "anthonywong555--Twilio-SMS-Trivia--trivia-flow.json": [["incomingMessage", "ended", "sendInvalidVoteMsg"]],
  "anthonywong555--Twilio-Scaling-Landlines--customer-flow.json": [["incomingCall", "waiting", "enqueue_1"]],
  "anthonywong555--twilio-studio-sms-forwarding--sms-flow.json": [["incomingMessage", "ended", "http_1"]],
  "guvarallo--frontline-airtable-studio-bot--studio-flow.json": [
    ["incomingCall", "waiting", "gather_1"],
    ["incomingConversationMessage", "waiting", "new-customer-name"],
  ],
  "luisleao--workshop-genai-imagem-whatsapp--final.json": [["incomingMessage", "ended", "onboarding"]],
  "mbarry-owl--OrderLookupIVR--flow.json": [["incomingCall", "ended", "allow_split"]],
  "neri78--twilio-studio-flow-execution--studioflow.json": [
    ["incomingRequest", "ended", "send_redelivery_datetime"],
  ],
  "todd-twilio--global-connect-passport--twilio-studio-flow.json": [
    ["incomingMessage", "ended", "system_error"],
  ],
  "twilio--twilio-webchat-react-app--studio-flow.json": [
    ["incomingConversationMessage", "waiting", "selection_offering"],
  ],
  "twilio-labs--function-templates--covid-vaccine-faq-bot.json": [
    ["incomingMessage", "ended", "DialogflowDetectIntent"],
  ],
  "twilio-labs--function-templates--patient-appointment-management.json": [
    ["incomingRequest", "ended", "split_on_event_type"],
  ],
  "twilio-labs--function-templates--vaccine-standby.json": [["incomingMessage", "waiting", "Welcome"]],
  "twilio-labs--sample-flows-github-actions--webinar-flow.json": [
    ["incomingCall", "waiting", "gather_input"],
  ],
  "twilio-professional-services--flex-project-template--callback-flow.json": [
    ["incomingCall", "waiting", "SendCallToAgent"],
  ],
  "twilio-professional-services--flex-project-template--messaging-with-parking-flow.json": [
    ["incomingConversationMessage", "waiting", "send_welcome"],
  ],
  "twilio-professional-services--flex-project-template--schedule-flow.json": [
    ["incomingCall", "ended", "say_closed"],
  ],
};

describe("engine/real flows", () => {
  const flows = realFlows().filter((f) => f.file !== legacyFlowFile);

  it("has an expectation for every whole flow in test/fixtures/real", () => {
    expect(flows.map((f) => f.file).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(flows.map((f) => [f.file, f.json] as const))(
    "%s runs to a waiting point or its end",
    async (file, json) => {
      const definition = json as FlowDefinition;
      const outcomes: [string, string, string][] = [];
      for (const event of wiredEvents(definition)) {
        const e = await startExecution(definition, triggerFor(event), { mocks });
        expect(e.endReason?.kind).not.toBe("error");
        expect(e.transcript.filter((t) => t.kind === "error")).toEqual([]);
        const where =
          e.status === "active"
            ? e.waitingAt
            : e.endReason && "widget" in e.endReason
              ? e.endReason.widget
              : "";
        outcomes.push([event, e.status === "active" ? "waiting" : "ended", where ?? ""]);
      }
      expect(outcomes).toEqual(expected[file]);
    },
  );

  it("refuses the legacy v1 flow with a clear one-line error", async () => {
    const legacy = realFlows().find((f) => f.file === legacyFlowFile)!;
    await expect(
      startExecution(legacy.json as FlowDefinition, triggerFor("incomingMessage")),
    ).rejects.toThrow(
      'the flow is not a Studio flow definition at states[0].type: "InitialState" is a widget of Studio\'s retired v1 flow format; studiokit reads v2 definitions. Re-create the flow in the Studio console (v2) and export it from there.',
    );
  });

  it("drives the webinar IVR through a keypress to its end", async () => {
    const webinar = flows.find((f) => f.file.includes("webinar-flow"))!.json as FlowDefinition;
    const e = await startExecution(webinar, triggerFor("incomingCall"), { mocks });
    await e.press("1");
    expect(e.transcript.slice(1)).toEqual([
      { kind: "press", digits: "1" },
      {
        kind: "function",
        widget: "send_demo_link",
        url: "https://flows-example-8244.twil.io/send-demo-link",
        status: 200,
      },
      {
        kind: "say",
        widget: "say_play_1",
        text: "Please check your text messages for the link to the demo.",
      },
    ]);
    expect(e.steps.map((s) => `${s.transitioned_from} -${s.name}-> ${s.transitioned_to}`)).toEqual([
      "Trigger -incomingCall-> gather_input",
      "gather_input -keypress-> check_for_digit",
      "check_for_digit -match-> send_demo_link",
      "send_demo_link -success-> say_play_1",
      "say_play_1 -audioComplete-> Ended",
    ]);
  });
});
