import { describe, expect, it } from "vitest";
import { validateDefinition, validateWidget, type ValidationIssue } from "../../src/validator";
import { legacyFlowFile, realFlows, realWidgets } from "../support/fixtures";

/*
 * Every issue the validator finds in test/fixtures/real, reviewed one by one (see the notes at
 * each file). Every v2 flow passes (warnings only: each is a real defect Studio accepts); the
 * one error is the legacy format studiokit does not read. The command's exit codes on the same
 * files: test/cli/validate.test.ts.
 */

const unreachable = (index: number, widget: string): ValidationIssue => ({
  code: "unreachable",
  severity: "warning",
  path: `states[${index}]`,
  widget,
  message: 'no transition leads here from "Trigger", so it never runs; connect it or delete it',
});

const credentialAdvice =
  "anyone who can read the flow (or its git history) can read it; keep it out of the flow, e.g. in a Twilio Function's environment variables";

const expectedFlows: Record<string, ValidationIssue[]> = {
  "RJPearson94--twilio-sdk-go--flowTrigger.json": [],
  "anthonywong555--Level-Up-Your-Salesforce-Contact-Center-with-Twilio-Flex--voice-ivr-v2.json": [],
  "anthonywong555--Twilio-SMS-Trivia--trivia-flow.json": [],
  "anthonywong555--Twilio-Scaling-Landlines--customer-flow.json": [],
  "anthonywong555--twilio-studio-sms-forwarding--sms-flow.json": [],
  "guvarallo--frontline-airtable-studio-bot--studio-flow.json": [],
  // Real defects Studio accepts: split_2 reads widgets.ListaEcoPontoREST, a widget since replaced
  // by the Run Function "ListaEcoPontos"; split_2 and six other widgets are leftovers nothing
  // connects to.
  "luisleao--workshop-genai-imagem-whatsapp--final.json": [
    unreachable(4, "IdentificarLixoREST"),
    {
      code: "unknown-widget-reference",
      severity: "warning",
      path: "states[8].properties.input",
      widget: "split_2",
      message:
        'Liquid at line 1, column 3 reads widgets.ListaEcoPontoREST, but no widget is named "ListaEcoPontoREST", so it renders empty; did you mean "ListaEcoPontos"?',
    },
    {
      code: "unknown-widget-reference",
      severity: "warning",
      path: "states[8].transitions[1].conditions[0].arguments[0]",
      widget: "split_2",
      message:
        'Liquid at line 1, column 3 reads widgets.ListaEcoPontoREST, but no widget is named "ListaEcoPontoREST", so it renders empty; did you mean "ListaEcoPontos"?',
    },
    unreachable(8, "split_2"),
    unreachable(9, "send_message_1"),
    unreachable(10, "Copy_of_boas_vindas"),
    unreachable(12, "gerarDicaRandomica"),
    unreachable(13, "retorno_gerarDicaRandomica"),
    unreachable(14, "erro_gerarDicaRandomica"),
  ],
  "mbarry-owl--OrderLookupIVR--flow.json": [],
  "neri78--twilio-studio-flow-execution--studioflow.json": [],
  "todd-twilio--global-connect-passport--twilio-studio-flow.json": [],
  // Real defects Studio accepts (Twilio deploys this sample): the Flex task's serviceType reads
  // widgets.send_service_options, which this flow does not have (it renders empty on every task);
  // loop_checker is wired to nothing.
  "twilio--twilio-webchat-react-app--studio-flow.json": [
    {
      code: "unknown-widget-reference",
      severity: "warning",
      path: "states[1].properties.attributes",
      widget: "send_to_flex_agent",
      message:
        'Liquid at line 1, column 272 reads widgets.send_service_options, but no widget is named "send_service_options", so it renders empty',
    },
    unreachable(5, "loop_checker"),
  ],
  // The template ships the Dialogflow Function's URL empty, to be filled in after deploying.
  "twilio-labs--function-templates--covid-vaccine-faq-bot.json": [
    {
      code: "empty-property",
      severity: "warning",
      path: "states[2].properties.url",
      widget: "DialogflowDetectIntent",
      message: '"url" is empty, but Run Function needs it; the widget fails when it runs',
    },
  ],
  "twilio-labs--function-templates--patient-appointment-management.json": [],
  "twilio-labs--function-templates--vaccine-standby.json": [],
  "twilio-labs--sample-flows-github-actions--webinar-flow.json": [],
  // Not a v2 definition: the retired v1 format gets one clear error and nothing else.
  "twilio-labs--sample-preference-center--studio-v1-legacy.json": [
    {
      code: "schema",
      severity: "error",
      path: "states[0].type",
      widget: "Trigger",
      message:
        '"InitialState" is a widget of Studio\'s retired v1 flow format; studiokit reads v2 definitions. Re-create the flow in the Studio console (v2) and export it from there.',
    },
  ],
  "twilio-professional-services--flex-project-template--callback-flow.json": [],
  "twilio-professional-services--flex-project-template--messaging-with-parking-flow.json": [],
  "twilio-professional-services--flex-project-template--schedule-flow.json": [],
};

// The SDK's "Complete" fixtures fill every property, SIP passwords included (dummy values).
const expectedWidgets: Record<string, ValidationIssue[]> = {
  "widgets/RJPearson94--twilio-sdk-go--connectCallToSIPComplete.json": [
    {
      code: "credential",
      severity: "warning",
      path: "properties.sip_password",
      widget: "ConnectCallTo",
      message: `"sip_password" holds a literal credential (****); ${credentialAdvice}`,
    },
  ],
  "widgets/RJPearson94--twilio-sdk-go--makeOutgoingCallComplete.json": [
    {
      code: "credential",
      severity: "warning",
      path: "properties.sip_auth_password",
      widget: "MakeOutgoingCall",
      message: `"sip_auth_password" holds a literal credential (****); ${credentialAdvice}`,
    },
  ],
};

describe("the real flows of test/fixtures/real", () => {
  const flows = realFlows();

  it("covers every file", () => {
    expect(flows.map((f) => f.file)).toEqual(Object.keys(expectedFlows).sort());
  });

  it.each(flows.map((f) => [f.file, f] as const))("%s", (file, fixture) => {
    expect(validateDefinition(fixture.json)).toEqual(expectedFlows[file]);
  });

  it("has an error in no v2 flow: Studio deploys every one", () => {
    const refused = flows
      .filter((f) => f.file !== legacyFlowFile)
      .flatMap((f) =>
        validateDefinition(f.json)
          .filter((i) => i.severity === "error")
          .map((i) => `${f.file}: ${i.code}`),
      );
    expect(refused).toEqual([]);
  });
});

describe("the real single-widget fixtures", () => {
  const widgets = realWidgets();

  it("has the 21 fixtures", () => {
    expect(widgets).toHaveLength(21);
  });

  it.each(widgets.map((f) => [f.file, f] as const))("%s", (file, fixture) => {
    expect(validateWidget(fixture.json)).toEqual(expectedWidgets[file] ?? []);
  });
});
