import { describe, expect, it } from "vitest";
import { startExecution } from "../../src/engine";
import {
  appendScenario,
  parseScenarioText,
  ScenarioFileError,
  scenarioYaml,
  runScenarioFiles,
} from "../../src/testing";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { seedFlowPath } from "../support/fixtures";

// A run written down as a scenario (what the dev page's "Save as scenario" does), and appended to
// a scenario file without touching what was there.

const seed = JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as Parameters<typeof startExecution>[0];
const trigger = {
  event: "incomingConversationMessage",
  from: "+15558675310",
  to: "+15005550006",
  body: "hi",
} as const;

async function recorded(name: string, replies: string[]) {
  const execution = await startExecution(seed, trigger);
  for (const reply of replies) await execution.reply(reply);
  return scenarioYaml({ name, trigger, transcript: execution.transcript, end: { ended: true } });
}

describe("scenarioYaml", () => {
  it("writes what the flow sent and what the contact replied, in order", async () => {
    expect(await recorded("a yes", ["yes"])).toBe(
      [
        '  - name: "a yes"',
        '    trigger: { event: "incomingConversationMessage", from: "+15558675310", to: "+15005550006", body: "hi" }',
        "    steps:",
        '      - expect: { send: "Hi, do you like bots?" }',
        '      - reply: "yes"',
        '      - expect: { send: "🤖" }',
        "      - expect: { ended: true }",
        "",
      ].join("\n"),
    );
  });

  it("puts the clock's moves where they happened, and says where a waiting run is", async () => {
    const execution = await startExecution(seed, trigger);
    const yaml = scenarioYaml({
      name: "waits",
      trigger,
      transcript: execution.transcript,
      waits: [{ after: 1, seconds: 60 }],
      end: { widget: "send_and_reply_1" },
    });
    expect(yaml.split("\n").slice(3, -1)).toEqual([
      '      - expect: { send: "Hi, do you like bots?" }',
      "      - wait: 60",
      '      - expect: { widget: "send_and_reply_1" }',
    ]);
  });
});

describe("appendScenario", () => {
  const existing = [
    "# the tutorial's scenarios",
    "flow: ./bots.json",
    "scenarios:",
    "  - name: first   # kept as written",
    "    trigger: { event: incomingConversationMessage, from: '+15558675310', to: '+15005550006', body: hi }",
    "    steps:",
    "      - expect: { send: 'Hi, do you like bots?' }",
    "",
  ].join("\n");

  it("starts a file that names the flow", async () => {
    const text = appendScenario(
      undefined,
      "./bots.json",
      await recorded("a no", ["no"]),
      "bots.scenarios.yaml",
    );
    expect(text.startsWith('flow: "./bots.json"\nscenarios:\n  - name: "a no"\n')).toBe(true);
    expect(parseScenarioText(text, "x").scenarios.map((s) => s.name)).toEqual(["a no"]);
  });

  it("appends after the last scenario, every byte before it kept, and the result runs", async () => {
    const item = await recorded("a no", ["no"]);
    const text = appendScenario(existing, "./bots.json", item, "bots.scenarios.yaml");
    expect(text).toBe(existing + item);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-record-"));
    fs.copyFileSync(seedFlowPath, path.join(dir, "bots.json"));
    fs.writeFileSync(path.join(dir, "bots.scenarios.yaml"), text);
    const run = await runScenarioFiles([
      { file: "bots.scenarios.yaml", path: path.join(dir, "bots.scenarios.yaml") },
    ]);
    expect([run.passed, run.failed]).toEqual([2, 0]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("inserts into the list when something follows it, comments kept", async () => {
    const withTail = `${existing}# more scenarios below, one day\n`;
    const text = appendScenario(
      withTail,
      "./bots.json",
      await recorded("a no", ["no"]),
      "bots.scenarios.yaml",
    );
    expect(text).toContain("# kept as written");
    expect(parseScenarioText(text, "x").scenarios.map((s) => s.name)).toEqual(["first", "a no"]);
  });

  it("refuses a file that is not a scenario file, and changes nothing", async () => {
    const item = await recorded("a no", ["no"]);
    expect(() =>
      appendScenario("flow: ./bots.json\nscenarios: [\n", "./bots.json", item, "bots.scenarios.yaml"),
    ).toThrow(ScenarioFileError);
    expect(() =>
      appendScenario("flow: ./bots.json\nscenarios: 3\n", "./bots.json", item, "bots.scenarios.yaml"),
    ).toThrow(/^bots\.scenarios\.yaml:2: scenarios: /);
  });
});
