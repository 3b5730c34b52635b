import { describe, expect, it } from "vitest";
import { specProblems } from "../support/oai";

// The spec checker the emulator tests lean on must itself catch what it claims to.
const flow = {
  sid: "FW" + "a".repeat(32),
  account_sid: "AC" + "a".repeat(32),
  author_sid: null,
  friendly_name: "f",
  definition: { initial_state: "Trigger" },
  status: "draft",
  revision: 1,
  commit_message: null,
  valid: true,
  errors: [],
  warnings: [],
  date_created: "2017-11-06T12:00:00Z",
  date_updated: null,
  webhook_url: "http://127.0.0.1:1/v1/Accounts/AC/Flows/FW",
  url: "http://127.0.0.1:1/v2/Flows/FW",
  links: {},
};

describe("OpenAPI response checker", () => {
  it("accepts a conforming body", () => {
    expect(specProblems("FetchFlow", 200, flow)).toEqual([]);
  });

  it("reports every kind of mismatch it checks", () => {
    const { url: _url, ...missingUrl } = flow;
    const bad = {
      ...missingUrl,
      sid: "XX" + "a".repeat(32),
      revision: "1",
      status: "live",
      date_created: "yesterday",
      friendly_name: 3,
      extra: true,
    };
    expect(specProblems("FetchFlow", 200, bad).sort()).toEqual(
      [
        'FetchFlow.sid: "XXaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" does not match ^FW[0-9a-fA-F]{32}$',
        "FetchFlow.friendly_name: integer where the schema says string",
        'FetchFlow.status: "live" not in enum draft|published',
        "FetchFlow.revision: string where the schema says integer",
        'FetchFlow.date_created: "yesterday" is not a date-time like 2017-11-06T12:00:00Z',
        "FetchFlow.url: missing",
        "FetchFlow.extra: not declared in the schema",
      ].sort(),
    );
    expect(specProblems("FetchFlow", 201, flow)).toEqual(["FetchFlow: status 201 is not one of 200"]);
    expect(specProblems("DeleteFlow", 204, {})).toEqual(["DeleteFlow: 204 should have no body"]);
    expect(
      specProblems("ListFlow", 200, { meta: { page: "0" }, flows: [{ ...flow, revision: null }] }),
    ).toContain("ListFlow.flows[0].revision: null but the schema is not nullable");
  });
});
