import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectDir } from "../support/fixtures";
import { cli, project, seedJson, spawnCli } from "./fixtures";

const trigger =
  'trigger: { event: incomingConversationMessage, from: "+15558675310", to: "+15017122661", body: "hi" }';
const scenario = (name: string, ...steps: string[]) =>
  [`  - name: ${name}`, `    ${trigger}`, "    steps:", ...steps.map((s) => `      - ${s}`)].join("\n");

const passing = [
  "flow: ./bots.json",
  "scenarios:",
  scenario(
    "yes",
    'expect: { send: "Hi, do you like bots?" }',
    "reply: Yes",
    "expect: { send: 🤖, ended: true }",
  ),
  scenario("no", "reply: no", "expect: { send: { contains: bots } }", "expect: { send: 👽 }"),
].join("\n");
const failing = [
  "flow: ../flows/bots.json",
  "scenarios:",
  scenario("maybe", "reply: maybe", "expect: { send: { matches: bots } }", "expect: { send: 🤖 }"),
].join("\n");

const dir = project({
  "flows/bots.json": seedJson(),
  "flows/bots.scenarios.yaml": passing,
  "other/fail.scenarios.yaml": failing,
  // Never picked up: node_modules and dot folders are skipped.
  "node_modules/pkg/x.scenarios.yaml": "not: a scenario file",
  ".cache/y.scenarios.yaml": "not: a scenario file",
  "empty/readme.txt": "",
  "broken/bad.scenarios.yaml": `flow: ../flows/bots.json\nscenarios:\n${scenario("x", "exepct: { ended: true }")}\n`,
  "broken/noflow.scenarios.yaml": `flow: ./gone.json\nscenarios:\n${scenario("x", "reply: hi")}\n`,
});

const builder = JSON.stringify(path.resolve(__dirname, "..", "..", "src", "builder"));
/** Flow modules (.ts, default export a flow) outside the repo, importing the builder by path. */
const modules = project({
  "greet.ts": [
    `import { flow, liquid, sendAndWaitForReply, sendMessage } from ${builder};`,
    'const ask = sendAndWaitForReply("ask", { body: "Your name?", timeout: 60 });',
    'ask.on("incomingMessage", sendMessage("hi", { body: liquid`Hi ${ask.inbound.Body}` }));',
    "export default flow({ on: { incomingMessage: ask } });",
  ].join("\n"),
  "greet.scenarios.yaml": [
    "flow: ./greet.ts",
    "scenarios:",
    "  - name: by name",
    '    trigger: { event: incomingMessage, from: "+15558675310", to: "+15017122661" }',
    "    steps: [{ expect: { send: 'Your name?' } }, { reply: Ada }, { expect: { send: Hi Ada, ended: true } }]",
    "  - name: too formal",
    '    trigger: { event: incomingMessage, from: "+15558675310", to: "+15017122661" }',
    "    steps: [{ expect: { send: 'Your name?' } }, { reply: Ada }, { expect: { send: Good day Ada } }]",
  ].join("\n"),
  "broken/nothing.ts": "export default 42;\n",
  "twins.ts": [
    `import { flow, sendMessage } from ${builder};`,
    'const first = sendMessage("hello", { body: "1" });',
    'first.on("sent", sendMessage("hello", { body: "2" }));',
    'first.on("failed", sendMessage("sorry", { body: "3" }).on("sent", sendMessage("sorry", { body: "4" })));',
    "export default flow({ on: { incomingMessage: first } });",
  ].join("\n"),
  "twins.scenarios.yaml": `flow: ./twins.ts\nscenarios:\n${scenario("x", "reply: hi")}\n`,
  "broken/nothing.scenarios.yaml": `flow: ../broken/nothing.ts\nscenarios:\n${scenario("x", "reply: hi")}\n`,
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(modules, { recursive: true, force: true });
});

const failureReport = [
  "FAIL other/fail.scenarios.yaml › maybe",
  '  step 3 (line 8): expect: { send: "🤖" }',
  '    expected: the flow to send "🤖"',
  '    actual:   send_message_1 sent "👻"',
  "  transcript so far:",
  '    send_and_reply_1 sent "Hi, do you like bots?"',
  '    contact replied "maybe"',
  '    send_message_1 sent "👻"',
  "    (ended)",
  "",
  "",
].join("\n");

describe("cli/test", () => {
  it("runs every *.scenarios.yaml under the working directory, prints failures and the closing line", async () => {
    const out = await cli(`${dir}/other`, ["test"]);
    expect(out).toEqual({
      code: 1,
      stdout: failureReport.replace("FAIL other/fail", "FAIL fail") + "0 passed, 1 failed\n",
      stderr: "",
    });
    expect(await cli(dir, ["test", "flows"])).toEqual({
      code: 0,
      stdout: "2 passed, 0 failed\n",
      stderr: "",
    });
  });

  it("takes files, folders and globs, and reports coverage per flow", async () => {
    expect(await cli(dir, ["test", "flows/bots.scenarios.yaml", "other/*.yaml", "--coverage"])).toEqual({
      code: 1,
      stdout:
        failureReport +
        [
          "coverage:",
          "  flows/bots.json: widgets 6/6 (100%), transitions 5/5 (100%)",
          "2 passed, 1 failed",
          "",
        ].join("\n"),
      stderr: "",
    });
    expect((await cli(dir, ["test", "**/bots.scenarios.yaml", "flows", "--coverage"])).stdout).toBe(
      [
        "coverage:",
        "  flows/bots.json: widgets 5/6 (83%), transitions 4/5 (80%)",
        "    widget not reached: send_message_1",
        "    transition not taken: split_1 noMatch → send_message_1",
        "2 passed, 0 failed",
        "",
      ].join("\n"),
    );
  });

  it("exits 1 when a flow's widget or transition coverage is below --min-coverage", async () => {
    const partly = ["test", "flows", "--min-coverage"];
    expect(await cli(dir, [...partly, "80"])).toEqual({
      code: 0,
      stdout: "2 passed, 0 failed\n",
      stderr: "",
    });
    expect(await cli(dir, [...partly, "83.4"])).toEqual({
      code: 1,
      stdout:
        "coverage below --min-coverage 83.4%: flows/bots.json widgets 5/6 (83%)\n" +
        "coverage below --min-coverage 83.4%: flows/bots.json transitions 4/5 (80%)\n" +
        "2 passed, 0 failed\n",
      stderr: "",
    });
    expect(await cli(dir, ["test", "flows", "other", "--min-coverage", "100%"])).toMatchObject({ code: 1 });
    const json = await cli(dir, ["test", "flows", "--json", "--min-coverage", "81"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      passed: 2,
      coverage: [{ flow: "flows/bots.json" }],
      belowMinCoverage: ["coverage below --min-coverage 81%: flows/bots.json transitions 4/5 (80%)"],
    });
    for (const bad of ["", "x", "101", "-1"])
      expect(await cli(dir, ["test", "flows", `--min-coverage=${bad}`])).toEqual({
        code: 2,
        stdout: "",
        stderr: `studiokit test: --min-coverage takes a percentage from 0 to 100, such as 80; got "${bad}"\n`,
      });
  });

  it("prints one JSON document with --json", async () => {
    const out = await cli(dir, ["test", "other", "flows/bots.scenarios.yaml", "--json", "--coverage"]);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout)).toEqual({
      passed: 2,
      failed: 1,
      results: [
        { file: "flows/bots.scenarios.yaml", scenario: "yes", passed: true },
        { file: "flows/bots.scenarios.yaml", scenario: "no", passed: true },
        {
          file: "other/fail.scenarios.yaml",
          scenario: "maybe",
          passed: false,
          failure: {
            step: 3,
            line: 8,
            text: 'expect: { send: "🤖" }',
            expected: 'the flow to send "🤖"',
            actual: 'send_message_1 sent "👻"',
            transcript: [
              'send_and_reply_1 sent "Hi, do you like bots?"',
              'contact replied "maybe"',
              'send_message_1 sent "👻"',
              "(ended)",
            ],
          },
        },
      ],
      coverage: [
        {
          flow: "flows/bots.json",
          executions: 3,
          widgets: { reached: 6, total: 6, unreached: [] },
          transitions: { taken: 5, total: 5, untaken: [] },
        },
      ],
    });
    expect(JSON.parse((await cli(dir, ["test", "flows", "--json"])).stdout)).toEqual({
      passed: 2,
      failed: 0,
      results: [
        { file: "flows/bots.scenarios.yaml", scenario: "yes", passed: true },
        { file: "flows/bots.scenarios.yaml", scenario: "no", passed: true },
      ],
    });
  });

  it("stops with one line naming the file (and line) for unusable input", async () => {
    const err = async (...args: string[]) => {
      const out = await cli(dir, ["test", ...args]);
      expect(out.code).toBe(2);
      expect(out.stdout).toBe("");
      return out.stderr;
    };
    expect([
      await err("broken/bad.scenarios.yaml"),
      // Nothing runs (so nothing is printed) when any file is unusable.
      await err("other", "broken/noflow.scenarios.yaml"),
      await err("missing.scenarios.yaml"),
      await err("nowhere/**/*.scenarios.yaml"),
      await err("empty"),
      await err("--cover"),
    ]).toEqual([
      'studiokit test: broken/bad.scenarios.yaml:6: scenarios[0].steps[0]: unknown key "exepct"; allowed: expect, reply, wait, press, speak, hangup, deliveryFailure, event\n',
      "studiokit test: broken/noflow.scenarios.yaml:1: flow: ./gone.json: broken/gone.json: no such file\n",
      "studiokit test: missing.scenarios.yaml: no such file or directory\n",
      'studiokit test: no files match "nowhere/**/*.scenarios.yaml"\n',
      "studiokit test: empty: no *.scenarios.yaml files in this directory\n",
      "studiokit test: Unknown option '--cover'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--cover\"; usage: studiokit test [paths or globs...] [--coverage] [--min-coverage PERCENT] [--json] [--no-typecheck]\n",
    ]);
    expect(await cli(`${dir}/empty`, ["test"])).toEqual({
      code: 2,
      stdout: "",
      stderr: `studiokit test: no *.scenarios.yaml files under ${dir}/empty\n`,
    });
  });

  it("runs scenarios against .ts flow modules, compiled through the builder", async () => {
    expect(await cli(projectDir, ["test", "flows", "--coverage"])).toEqual({
      code: 0,
      stdout: [
        "coverage:",
        "  flows/do-you-like-bots.ts: widgets 6/6 (100%), transitions 5/5 (100%)",
        "  flows/opening-hours.ts: widgets 5/5 (100%), transitions 5/5 (100%)",
        "7 passed, 0 failed",
        "",
      ].join("\n"),
      stderr: "",
    });
    // These modules import the kit's sources, whose type check is the kit's own (npm run typecheck):
    // checking one here would check all of them (seconds), so the runs that load them skip it.
    expect(await cli(modules, ["test", "greet.scenarios.yaml", "--coverage", "--no-typecheck"])).toEqual({
      code: 1,
      stdout: [
        "FAIL greet.scenarios.yaml › too formal",
        '  step 3 (line 8): expect: { send: "Good day Ada" }',
        '    expected: the flow to send "Good day Ada"',
        '    actual:   hi sent "Hi Ada"',
        "  transcript so far:",
        '    ask sent "Your name?"',
        '    contact replied "Ada"',
        '    hi sent "Hi Ada"',
        "    (ended)",
        "",
        "coverage:",
        "  greet.ts: widgets 3/3 (100%), transitions 2/2 (100%)",
        "1 passed, 1 failed",
        "",
      ].join("\n"),
      stderr: "",
    });
    expect(await cli(modules, ["test", "broken"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "studiokit test: broken/nothing.scenarios.yaml:1: flow: ../broken/nothing.ts: broken/nothing.ts: the default export is a number, not a flow; export default flow({ on: { … } })\n",
    });
    expect(await cli(modules, ["test", "twins.scenarios.yaml", "--no-typecheck"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'studiokit test: twins.scenarios.yaml:1: flow: ./twins.ts: widget "hello": states: two widgets are named "hello": a send-message first reached from "Trigger" on "incomingMessage", and a send-message first reached from "hello" on "sent"; give each widget its own name (and 1 more; studiokit validate twins.ts lists them)\n',
    });
  });

  it("runs through the real binary", async () => {
    expect(await spawnCli(dir, ["test", "flows", "other", "--coverage"])).toEqual({
      code: 1,
      stdout: [
        failureReport + "coverage:",
        "  flows/bots.json: widgets 6/6 (100%), transitions 5/5 (100%)",
        "2 passed, 1 failed",
        "",
      ].join("\n"),
      stderr: "",
    });
  });
});
