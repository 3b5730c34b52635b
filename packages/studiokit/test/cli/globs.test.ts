import { describe, expect, it } from "vitest";
import { cli, project } from "./fixtures";

// A glob with many stars used to be a backtracking RegExp: `*a*a*a…*b` (24 stars) hung
// `studiokit test` for hours. Each run here finishes well inside vitest's timeout.

const slow = "*a".repeat(24) + "*b";
const url = `https://api.example.com/${"a".repeat(60)}`;
const flow = {
  description: "fetch",
  initial_state: "Trigger",
  flags: { allow_concurrent_calls: true },
  states: [
    {
      name: "Trigger",
      type: "trigger",
      transitions: [{ event: "incomingRequest", next: "fetch" }],
      properties: { offset: { x: 0, y: 0 } },
    },
    {
      name: "fetch",
      type: "make-http-request",
      transitions: [{ event: "success", next: "matched" }, { event: "failed" }],
      properties: {
        method: "GET",
        content_type: "application/json;charset=utf-8",
        url,
        offset: { x: 0, y: 200 },
      },
    },
    {
      name: "matched",
      type: "send-message",
      transitions: [{ event: "sent" }, { event: "failed" }],
      properties: { from: "{{flow.channel.address}}", body: "matched", offset: { x: 0, y: 400 } },
    },
  ],
};
const scenarios = [
  "flow: ./fetch.json",
  "scenarios:",
  "  - name: the second mock answers",
  '    trigger: { event: incomingRequest, from: "+15017122661", to: "+15558675310" }',
  // The first never matches (the URL has no b); the second does.
  `    mocks: { http: [{ url: "${slow}", status: 500 }, { url: "https://api.example.com/*", status: 200, body: {} }] }`,
  "    steps:",
  "      - expect: { send: matched, ended: true }",
  "",
].join("\n");

describe("globs with many stars", () => {
  const dir = project({
    "fetch.json": JSON.stringify(flow),
    "fetch.scenarios.yaml": scenarios,
    [`${"a".repeat(60)}.scenarios.yaml`]: scenarios,
  });

  it("in an HTTP mock's url", async () => {
    expect(await cli(dir, ["test", "fetch.scenarios.yaml"])).toEqual({
      code: 0,
      stdout: "1 passed, 0 failed\n",
      stderr: "",
    });
  });

  it("as the files studiokit test runs", async () => {
    expect(await cli(dir, ["test", slow])).toEqual({
      code: 2,
      stdout: "",
      stderr: `studiokit test: no files match "${slow}"\n`,
    });
    expect(await cli(dir, ["test", `${"*a".repeat(24)}*.scenarios.yaml`])).toEqual({
      code: 0,
      stdout: "1 passed, 0 failed\n",
      stderr: "",
    });
  });
});
