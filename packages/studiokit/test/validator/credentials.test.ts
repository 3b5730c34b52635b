import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../src/validator";
import { definition, trigger } from "./flows";

const token = "0123456789abcdef0123456789abcdef";
const sid = "AC0123456789abcdef0123456789abcdef";

function http(name: string, properties: Record<string, unknown>) {
  return {
    name,
    type: "make-http-request",
    transitions: [{ event: "success" }, { event: "failed" }],
    properties: {
      method: "POST",
      content_type: "application/json;charset=utf-8",
      url: "https://example.com",
      ...properties,
    },
  };
}

describe("credentials written into the flow", () => {
  const flow = definition(
    { ...trigger("url_pass"), transitions: [{ event: "incomingCall", next: "url_pass" }] },
    {
      ...http("url_pass", { url: "https://alice:s3cr3t-pw@api.example.com/v1?x=1" }),
      transitions: [{ event: "success", next: "headers" }, { event: "failed" }],
    },
    {
      ...http("headers", {
        parameters: [
          { key: "Authorization", value: "Bearer abc.def.ghi" },
          { key: "x-api-key", value: "k-123" },
          { key: "auth_token", value: "{{flow.variables.token}}" },
          { key: "token_count", value: "3" },
          { key: "client_secret", value: "${CLIENT_SECRET}" },
        ],
      }),
      transitions: [{ event: "success", next: "dial" }, { event: "failed" }],
    },
    {
      name: "dial",
      type: "connect-call-to",
      transitions: [{ event: "callCompleted", next: "twilio" }, { event: "hangup" }],
      properties: {
        noun: "sip",
        caller_id: "{{contact.channel.address}}",
        to: "sip:a@b.example",
        sip_username: "bob",
        sip_password: "hunter2",
      },
    },
    http("twilio", {
      body: `{"account": "${sid}", "auth": "${token}"}`,
      url: "https://{{flow.variables.user}}:{{flow.variables.pw}}@api.example.com",
    }),
  );
  const issues = validateDefinition(flow);
  const advice =
    "anyone who can read the flow (or its git history) can read it; keep it out of the flow, e.g. in a Twilio Function's environment variables";

  it("warns, masked, about passwords in URLs, secret-named literals and auth tokens beside an Account SID", () => {
    expect(issues).toEqual([
      {
        code: "credential",
        severity: "warning",
        path: "states[1].properties.url",
        widget: "url_pass",
        message: `the URL carries a password (https://****:****@api.example.com); ${advice}`,
      },
      {
        code: "credential",
        severity: "warning",
        path: "states[2].properties.parameters[0].value",
        widget: "headers",
        message: `"Authorization" holds a literal credential (****); ${advice}`,
      },
      {
        code: "credential",
        severity: "warning",
        path: "states[2].properties.parameters[1].value",
        widget: "headers",
        message: `"x-api-key" holds a literal credential (****); ${advice}`,
      },
      {
        code: "credential",
        severity: "warning",
        path: "states[3].properties.sip_password",
        widget: "dial",
        message: `"sip_password" holds a literal credential (****); ${advice}`,
      },
      {
        code: "credential",
        severity: "warning",
        path: "states[4].properties.body",
        widget: "twilio",
        message: `holds what looks like a Twilio auth token (32 hex digits, ****) beside an Account SID (AC…); ${advice}`,
      },
    ]);
  });

  it("never repeats a secret", () => {
    const text = JSON.stringify(issues);
    for (const secret of ["s3cr3t-pw", "alice", "abc.def.ghi", "k-123", "hunter2", token])
      expect(text).not.toContain(secret);
  });

  it("judges each widget on its own strings: an Account SID in one widget does not make another's hex string a token", () => {
    const flow = definition(
      { ...trigger("with_sid"), transitions: [{ event: "incomingRequest", next: "with_sid" }] },
      {
        ...http("with_sid", { body: `{"account": "${sid}"}` }),
        transitions: [{ event: "success", next: "with_hex" }, { event: "failed" }],
      },
      {
        ...http("with_hex", { body: `{"checksum": "${token}"}` }),
        transitions: [{ event: "success", next: "both" }, { event: "failed" }],
      },
      http("both", { body: `{"account": "${sid}", "auth": "${token}"}` }),
    );
    expect(validateDefinition(flow).filter((issue) => issue.code === "credential")).toEqual([
      {
        code: "credential",
        severity: "warning",
        path: "states[3].properties.body",
        widget: "both",
        message: `holds what looks like a Twilio auth token (32 hex digits, ****) beside an Account SID (AC…); ${advice}`,
      },
    ]);
  });
});
