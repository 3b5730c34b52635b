import { describe, expect, it } from "vitest";
import { validateDefinition, validateWidget } from "../../src/validator";
import { ask, definition, sendMessage, trigger } from "./flows";

describe("a message widget needs something to send", () => {
  const nothing = {
    code: "message-without-content",
    severity: "error",
    path: "states[1].properties",
    widget: "greet",
    message:
      'Send Message has no "body", no "media_url" and no content template ("content_sid"), so there is nothing to send; give it a body',
  };

  it("refuses a Send Message with no body, media or content template", () => {
    const greet = sendMessage("greet");
    delete greet.properties["body"];
    expect(validateDefinition(definition(trigger("greet"), greet))).toEqual([nothing]);
  });

  it("counts a blank body as none", () => {
    expect(validateDefinition(definition(trigger("greet"), sendMessage("greet", "  \n")))).toEqual([nothing]);
  });

  it("says Send & Wait For Reply by its console name", () => {
    const question = ask("question", undefined, { body: "" });
    expect(validateDefinition(definition(trigger("question"), question)).map((i) => i.message)).toEqual([
      'Send & Wait For Reply has no "body", no "media_url" and no content template ("content_sid"), so there is nothing to send; give it a body',
    ]);
  });

  it.each([
    ["a body that is only Liquid", { body: "{{flow.variables.text}}" }],
    ["a media URL", { body: "", media_url: "https://example.com/cat.png" }],
    [
      "a content template",
      { message_type: "content_template", content_sid: "HX0123456789abcdef0123456789abcdef" },
    ],
    ["a content SID without a message type", { content_sid: "HX0123456789abcdef0123456789abcdef" }],
  ])("accepts %s", (_what, properties) => {
    const greet = sendMessage("greet");
    delete greet.properties["body"];
    Object.assign(greet.properties, properties);
    expect(validateDefinition(definition(trigger("greet"), greet))).toEqual([]);
  });

  it("does not take a content SID for a template when the message type says custom", () => {
    const greet = sendMessage("greet", "");
    Object.assign(greet.properties, {
      message_type: "custom",
      content_sid: "HX0123456789abcdef0123456789abcdef",
    });
    expect(validateDefinition(definition(trigger("greet"), greet)).map((i) => i.code)).toEqual([
      "message-without-content",
    ]);
  });

  it("leaves a body of the wrong type to the properties check (one issue, not two)", () => {
    const greet = sendMessage("greet");
    greet.properties["body"] = 42;
    expect(validateDefinition(definition(trigger("greet"), greet)).map((i) => i.code)).toEqual(["property"]);
  });

  it("checks a lone widget fixture too", () => {
    const greet = sendMessage("greet", "");
    expect(validateWidget(greet).map((i) => [i.code, i.path])).toEqual([
      ["message-without-content", "properties"],
    ]);
  });
});

describe("Run Subflow needs the Subflow's SID written out", () => {
  const subflow = (flowSid: string) => ({
    name: "child",
    type: "run-subflow",
    transitions: [{ event: "completed" }, { event: "failed" }],
    properties: { flow_sid: flowSid, flow_revision: "LatestPublished" },
  });

  it("refuses Liquid in flow_sid", () => {
    expect(validateDefinition(definition(trigger("child"), subflow("{{flow.variables.child_sid}}")))).toEqual(
      [
        {
          code: "subflow-sid-liquid",
          severity: "error",
          path: "states[1].properties.flow_sid",
          widget: "child",
          message:
            '"flow_sid" holds Liquid, but Studio does not render Liquid here and needs the Subflow\'s SID (FW…) written out; write the SID, and pass values to the Subflow in "parameters"',
        },
      ],
    );
  });

  it("accepts a SID", () => {
    expect(
      validateDefinition(definition(trigger("child"), subflow("FW0123456789abcdef0123456789abcdef"))),
    ).toEqual([]);
  });
});
