import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { parseFlowDefinition, type FlowDefinition } from "../../src/definition";
import { type Execution } from "../../src/engine";
import { engineMatchers } from "../../src/testing";
import { seedFlowPath } from "../support/fixtures";
import { call, flow, run, sms, widget } from "../engine/helpers";

expect.extend(engineMatchers);

let bots: FlowDefinition;
beforeAll(() => {
  const parsed = parseFlowDefinition(JSON.parse(fs.readFileSync(seedFlowPath, "utf8")));
  if (!parsed.ok) throw new Error("seed flow does not parse");
  bots = parsed.value;
});

const conversation = (body = "hi") =>
  run(bots, { event: "incomingConversationMessage", from: "+15558675310", to: "+15017122661", body });

/** The message vitest gives for a failed assertion. */
function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("the assertion passed");
}

describe("engine/matchers: a flow test reads like a conversation", () => {
  it("passes along the tutorial's yes branch", async () => {
    const e = await conversation();
    expect(e).toHaveSent("Hi, do you like bots?");
    expect(e).toBeWaitingAt("send_and_reply_1");
    expect(e).not.toHaveEnded();
    expect(e).not.toHaveSent("🤖");
    await e.reply("Yes");
    expect(e).toHaveSent("🤖");
    expect(e).toHaveEnded();
    expect(e).not.toBeWaitingAt("send_and_reply_1");
  });

  it("accepts RegExp, { contains }, { matches } and asymmetric matchers", async () => {
    const e = await conversation();
    expect(e).toHaveSent(/like bots\?$/);
    expect(e).toHaveSent({ contains: "do you" });
    expect(e).toHaveSent({ matches: "^Hi," });
    expect(e).toHaveSent(expect.stringContaining("bots"));
    expect(e).not.toHaveSent({ contains: "cats" });
  });

  it("says what was expected and shows the transcript when it fails", async () => {
    const e = await conversation();
    await e.reply("no");
    // Every failure message ends with the whole transcript so far.
    const transcript = [
      "",
      "transcript:",
      '  send_and_reply_1 sent "Hi, do you like bots?"',
      '  contact replied "no"',
      '  send_message_3 sent "👽"',
      "  (ended)",
    ];
    expect(failure(() => expect(e).toHaveSent("🤖"))).toBe(
      ['expected the flow to have sent "🤖"', ...transcript].join("\n"),
    );
    expect(failure(() => expect(e).toBeWaitingAt("send_and_reply_1"))).toBe(
      ["expected the execution to be waiting at send_and_reply_1, it is ended", ...transcript].join("\n"),
    );
    expect(failure(() => expect(e).not.toHaveEnded())).toBe(
      ["expected the execution not to have ended, it is ended", ...transcript].join("\n"),
    );
  });

  it("reads flow.variables by subset, with asymmetric matchers", async () => {
    const d = flow(
      "incomingMessage",
      "set",
      widget(
        "set",
        "set-variables",
        { next: undefined },
        {
          variables: [
            { key: "count", value: "2" },
            { key: "name", value: "{{trigger.message.Body}}" },
          ],
        },
      ),
    );
    const e = await run(d, sms("Ada"));
    expect(e).toHaveVariables({ count: 2 });
    expect(e).toHaveVariables({ name: expect.stringMatching(/^A/), count: 2 });
    expect(e).not.toHaveVariables({ count: "2" });
    expect(failure(() => expect(e).toHaveVariables({ count: 3, missing: "x" }))).toBe(
      'expected flow.variables to include {"count": 3, "missing": "x"}, they are {"count": 2, "name": "Ada"}',
    );
  });

  it("matches what the flow said on a call", async () => {
    const d = flow(
      "incomingCall",
      "hello",
      widget("hello", "say-play", { audioComplete: undefined }, { say: "Welcome to Owl Bank" }),
    );
    const e: Execution = await run(d, call());
    expect(e).toHaveSaid("Welcome to Owl Bank");
    expect(e).toHaveSaid({ contains: "Owl" });
    expect(e).not.toHaveSent("Welcome to Owl Bank");
    expect(failure(() => expect(e).toHaveSaid("Goodbye"))).toBe(
      [
        'expected the flow to have said "Goodbye"',
        "",
        "transcript:",
        '  hello said "Welcome to Owl Bank"',
        "  (ended)",
      ].join("\n"),
    );
  });

  it("refuses what is not an execution", () => {
    expect(failure(() => expect({ status: "ended" }).toHaveEnded())).toBe(
      "toHaveEnded expects an Execution from startExecution, got object",
    );
  });

  it("keeps vitest out of the engine door at run time", async () => {
    const root = path.resolve(__dirname, "..", "..");
    const script =
      "require('./src/engine');" +
      "process.stdout.write(String(Object.keys(require.cache).some((k) => k.includes('node_modules/vitest') || k.includes('node_modules/@vitest'))))";
    const { stdout } = await promisify(execFile)(process.execPath, ["-r", "tsx/cjs", "-e", script], {
      cwd: root,
    });
    expect(stdout).toBe("false");
  });
});
