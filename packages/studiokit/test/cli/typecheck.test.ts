import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { authorProject } from "../support/author-project";
import { cli, spawnCli } from "./fixtures";

const dir = authorProject("cli-typecheck-", {
  "flows/track.ts": [
    'import { flow, liquid, makeHttpRequest, sendMessage } from "studiokit";',
    "",
    'const lookup = makeHttpRequest<{ tracking_url: string }>("lookup", { url: "https://example.com/track" });',
    'const reply = sendMessage("reply", { body: liquid`Track it at ${lookup.parsed.trackingUrl}` });',
    'lookup.on("success", reply);',
    "const unused: number = reply.name;",
    "export default flow({ on: { incomingMessage: lookup } });",
    "",
  ].join("\n"),
  "flows/track.scenarios.yaml": [
    "flow: ./track.ts",
    "scenarios:",
    "  - name: tracked",
    '    trigger: { event: incomingMessage, from: "+15558675310", to: "+15017122661", body: "hi" }',
    "    steps:",
    "      - expect: { ended: true }",
    "",
  ].join("\n"),
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const typo =
  "flows/track.ts:4:79: Property 'trackingUrl' does not exist on type 'Ref & { readonly tracking_url: Ref; }'. Did you mean 'tracking_url'? (TS2551)";
const notANumber = "flows/track.ts:6:7: Type 'string' is not assignable to type 'number'. (TS2322)";

describe("type errors of a .ts flow are errors", () => {
  it("compile: exit 1 with each type error at its file:line, nothing written", async () => {
    expect(await cli(dir, ["compile", "flows/track.ts"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `${typo}\n${notANumber}\n`,
    });
  });

  it("compile --no-typecheck ships the typo as a reference to a key the response does not have", async () => {
    const run = await cli(dir, ["compile", "flows/track.ts", "--no-typecheck"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"body": "Track it at {{widgets.lookup.parsed.trackingUrl}}"');
  });

  it("validate: the type errors, counted as errors; --json lists them by file, line and code", async () => {
    expect(await cli(dir, ["validate", "flows/track.ts"])).toEqual({
      code: 1,
      stdout: `${typo}\n${notANumber}\n1 file checked: 2 errors, 0 warnings\n`,
      stderr: "",
    });
    const json = await cli(dir, ["validate", "--json", "flows/track.ts"]);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        file: "flows/track.ts",
        typeErrors: [
          expect.objectContaining({ file: "flows/track.ts", line: 4, column: 79, code: 2551 }),
          expect.objectContaining({ file: "flows/track.ts", line: 6, column: 7, code: 2322 }),
        ],
        issues: [],
      },
    ]);
  });

  it("test: the scenario file fails with one line naming the first type error", async () => {
    expect(await cli(dir, ["test", "flows"])).toEqual({
      code: 2,
      stdout: "",
      stderr: `studiokit test: flows/track.scenarios.yaml:1: flow: ./track.ts: ${typo} (and 1 more type errors; studiokit validate flows/track.ts lists them)\n`,
    });
  });

  it("the real binary, checking and then answering from the cache: the same lines", async () => {
    const expected = {
      code: 1,
      stdout: `${typo}\n${notANumber}\n1 file checked: 2 errors, 0 warnings\n`,
      stderr: "",
    };
    expect(await spawnCli(dir, ["validate", "flows/track.ts"])).toEqual(expected);
    expect(await spawnCli(dir, ["validate", "flows/track.ts"])).toEqual(expected);
  });
});
