import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { CORE_SCHEMA, load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { scenariosSchemaFile, scenariosSchemaText } from "../../scripts/generate-scenarios-schema";
import { parseScenarioText } from "../../src/testing";
import { projectDir } from "../support/fixtures";

const packageDir = path.resolve(__dirname, "..", "..");
const shipped = JSON.parse(fs.readFileSync(scenariosSchemaFile, "utf8")) as object;
const validate = new Ajv({ allErrors: true }).compile(shipped);
const yaml = (text: string) => load(text, { schema: CORE_SCHEMA }) as unknown;
const flowsDir = path.join(projectDir, "flows");
const fixtureFiles = fs
  .readdirSync(flowsDir)
  .filter((f) => f.endsWith(".scenarios.yaml"))
  .map((f) => path.join(flowsDir, f));

describe("the JSON Schema of scenario files", () => {
  it("is what scripts/generate-scenarios-schema.ts writes from the zod schema (rerun it if not)", async () => {
    expect(fs.readFileSync(scenariosSchemaFile, "utf8")).toBe(await scenariosSchemaText());
  });

  it("is shipped: in the package's files and exported as studiokit/scenarios.schema.json", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as {
      files: string[];
      exports: Record<string, unknown>;
    };
    expect(pkg.files).toContain("schema/scenarios.schema.json");
    expect(pkg.exports["./scenarios.schema.json"]).toBe("./schema/scenarios.schema.json");
  });

  it("is named by each scenario file of the fixture project, by a path that resolves", () => {
    expect(fixtureFiles.length).toBeGreaterThan(0);
    for (const file of fixtureFiles) {
      const first = fs.readFileSync(file, "utf8").split("\n")[0]!;
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(match, file).not.toBeNull();
      expect(path.resolve(path.dirname(file), match![1]!)).toBe(scenariosSchemaFile);
    }
  });

  it("accepts the files the zod schema accepts, every key of the format included", () => {
    const every = [
      "flow: ./bots.json",
      "subflows: { FW00000000000000000000000000000001: ./child.ts }",
      "strict: true",
      "scenarios:",
      "  - name: all",
      '    trigger: { event: incomingMessage, from: "+15558675310", to: "+15017122661", body: hi, FromCity: PARIS }',
      "    mocks:",
      "      http: [{ method: POST, url: 'https://x.test/*', responses: [{ status: 302, headers: { Location: /y } }, { status: 200, body: { a: 1 }, delay: 1 }] }]",
      "      functions: [{ url: https://f.twil.io/x, status: 200, body: ok }]",
      "      subflows: [{ flow_sid: FW00000000000000000000000000000002, event: failed, variables: { a: 1 } }]",
      "      messages: [{ to: '+1*', body: hi, status: failed, code: 30003, message: no }]",
      "    steps:",
      "      - expect: { send: hi, say: { contains: h }, widget: w, variables: { n: 1 }, ended: false, execution: 1 }",
      "      - expect: { request: { url: 'https://x.test/*', method: post, body: { a: 1 }, params: { b: '2' } } }",
      "      - expect: { send: { matches: '^h' }, request: { body: 'a=1' } }",
      "      - reply: hi",
      "      - wait: 60",
      "      - press: '1#'",
      "      - speak: sales",
      "      - hangup: true",
      "      - deliveryFailure: true",
      "      - event: callCompleted",
      "      - event: { name: callCompleted, params: { DialCallStatus: busy } }",
    ].join("\n");
    for (const text of [every, ...fixtureFiles.map((f) => fs.readFileSync(f, "utf8"))]) {
      expect(() => parseScenarioText(text, "x.scenarios.yaml")).not.toThrow();
      expect(validate(yaml(text)), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it.each([
    ["an unknown top-level key", "flows: ./x.json\nscenarios: []"],
    [
      "a step with two actions",
      "flow: x\nscenarios: [{ name: a, trigger: { event: incomingCall }, steps: [{ reply: a, wait: 1 }] }]",
    ],
    [
      "an empty expect",
      "flow: x\nscenarios: [{ name: a, trigger: { event: incomingCall }, steps: [{ expect: {} }] }]",
    ],
    [
      "a mock with status and responses",
      "flow: x\nscenarios: [{ name: a, trigger: { event: incomingCall }, mocks: { http: [{ url: y, status: 200, responses: [{ status: 200 }] }] }, steps: [] }]",
    ],
    [
      "a mock with neither",
      "flow: x\nscenarios: [{ name: a, trigger: { event: incomingCall }, mocks: { functions: [{ url: y }] }, steps: [] }]",
    ],
    [
      "a lowercase unknown trigger key",
      "flow: x\nscenarios: [{ name: a, trigger: { event: incomingCall, form: b }, steps: [] }]",
    ],
    [
      "a subflows key that is not a flow SID",
      "flow: x\nsubflows: { child: ./c.json }\nscenarios: [{ name: a, trigger: { event: incomingCall }, steps: [] }]",
    ],
    [
      "a wait that is text",
      "flow: x\nscenarios: [{ name: a, trigger: { event: incomingCall }, steps: [{ wait: soon }] }]",
    ],
  ])("refuses %s, as the zod schema does", (_label, text) => {
    expect(() => parseScenarioText(text, "x.scenarios.yaml")).toThrow();
    expect(validate(yaml(text))).toBe(false);
  });
});
