import { describe, expect, it } from "vitest";
import { flow, widget } from "../engine/helpers";
import { callTrigger, reports, scenarioProject, smsTrigger } from "./scenario-project";

/**
 * The engine behaviours Twilio's widget pages describe, each proved from a scenario file
 * (docs/studio-behaviour.md §8 has the sources).
 */
const say = (name: string, text: string) =>
  widget(name, "say-play", { audioComplete: undefined }, { say: text });
const send = (name: string, body: string) =>
  widget(name, "send-message", { sent: undefined, failed: undefined }, { body });
const sub = "FW00000000000000000000000000000001";

const project = scenarioProject({
  "lookup.json": flow(
    "incomingMessage",
    "lookup",
    widget(
      "lookup",
      "make-http-request",
      { success: "found", failed: "lost" },
      {
        method: "POST",
        content_type: "application/x-www-form-urlencoded;charset=utf-8",
        url: "https://api.example.com/lookup",
        parameters: [{ key: "q", value: "{{trigger.message.Body}}" }],
      },
    ),
    send("found", "{{widgets.lookup.content_type}} parsed={{widgets.lookup.parsed.state | default: 'none'}}"),
    send("lost", "failed {{widgets.lookup.status_code}}"),
  ),
  "menu.json": flow(
    "incomingCall",
    "menu",
    widget(
      "menu",
      "gather-input-on-call",
      { keypress: "pressed", speech: undefined, timeout: undefined },
      { say: "Your account number?", number_of_digits: 4 },
    ),
    widget(
      "pressed",
      "add-twiml-redirect",
      { return: "back", timeout: undefined, fail: undefined },
      { url: "https://x.test/verify?Digits={{widgets.menu.Digits}}" },
    ),
    say("back", "Account {{widgets.menu.Digits}} is {{widgets.pressed.status}}"),
  ),
  "parent.json": flow(
    "incomingMessage",
    "run",
    widget(
      "run",
      "run-subflow",
      { completed: undefined, failed: undefined },
      {
        flow_sid: sub,
        flow_revision: "LatestPublished",
        parameters: [
          { key: "n", value: "3" },
          { key: "order", value: '{"id": 3}', parse_as_json: true },
        ],
      },
    ),
  ),
  "child.json": {
    initial_state: "Trigger",
    states: [
      widget("Trigger", "trigger", { incomingParent: "echo" }),
      send("echo", "{{trigger.parent.parameters | to_json}}"),
    ],
  },
});
const run = (name: string, lines: string[]) => {
  project.write(name, lines.join("\n"));
  return project.run(name);
};
const answer = (status: number, rest: string) =>
  `    mocks: { http: [{ url: https://api.example.com/lookup, status: ${status}, ${rest} }] }`;

describe("scenario files prove Studio's documented behaviour", () => {
  it("Make HTTP Request parses only application/json, whatever the body looks like", async () => {
    const result = await run("types.scenarios.yaml", [
      "flow: ./lookup.json",
      "strict: true",
      "scenarios:",
      "  - name: json with a charset",
      `    trigger: ${smsTrigger("42")}`,
      answer(
        200,
        'body: \'{"state":"shipped"}\', headers: { content-type: Application/JSON; charset=utf-8 }',
      ),
      "    steps: [{ expect: { send: 'Application/JSON; charset=utf-8 parsed=shipped' } }]",
      "  - name: text that looks like JSON",
      `    trigger: ${smsTrigger("42")}`,
      answer(200, 'body: \'{"state":"shipped"}\''),
      "    steps: [{ expect: { send: text/plain parsed=none } }]",
      "  - name: a JSON type Twilio does not name",
      `    trigger: ${smsTrigger("42")}`,
      answer(200, 'body: \'{"state":"shipped"}\', headers: { Content-Type: application/problem+json }'),
      "    steps: [{ expect: { send: application/problem+json parsed=none } }]",
    ]);
    expect(reports(result)).toBe("");
  });

  it("Make HTTP Request follows a 307 with the same POST, and a 303 with a GET", async () => {
    const result = await run("redirects.scenarios.yaml", [
      "flow: ./lookup.json",
      "scenarios:",
      "  - name: 307 then 303",
      `    trigger: ${smsTrigger("42")}`,
      "    mocks:",
      "      http:",
      "        - { url: https://api.example.com/lookup, status: 307, headers: { location: /v2/lookup } }",
      "        - { url: https://api.example.com/v2/lookup, status: 303, headers: { Location: 'https://cdn.example.com/r?id=9' } }",
      "        - { method: GET, url: 'https://cdn.example.com/r?id=9', status: 200, body: { state: moved } }",
      "    steps:",
      "      - expect: { request: { method: POST, url: https://api.example.com/lookup, body: 'q=42' } }",
      "      - expect: { request: { method: POST, url: https://api.example.com/v2/lookup, body: { q: 42 }, params: { q: 42 } } }",
      "      - expect: { request: { method: GET, url: 'https://cdn.example.com/r?id=9', body: '' } }",
      "      - expect: { send: application/json parsed=moved }",
    ]);
    expect(reports(result)).toBe("");
  });

  it("Gather submits the first number_of_digits keys; TwiML Redirect's return parameters land under widgets.NAME", async () => {
    const result = await run("menu.scenarios.yaml", [
      "flow: ./menu.json",
      "strict: true",
      "scenarios:",
      "  - name: an account number",
      `    trigger: ${callTrigger}`,
      "    steps:",
      "      - expect: { say: Your account number? }",
      "      - press: '123456#'",
      "      - event: { name: return, params: { status: verified } }",
      "      - expect: { say: Account 1234 is verified, ended: true }",
    ]);
    expect(reports(result)).toBe("");
  });

  it("passes Subflow parameters as text unless parsed as JSON", async () => {
    const result = await run("params.scenarios.yaml", [
      "flow: ./parent.json",
      `subflows: { ${sub}: ./child.json }`,
      "scenarios:",
      "  - name: text and JSON",
      `    trigger: ${smsTrigger()}`,
      '    steps: [{ expect: { send: \'{"n":"3","order":{"id":3}}\' } }]',
    ]);
    expect(reports(result)).toBe("");
  });
});
