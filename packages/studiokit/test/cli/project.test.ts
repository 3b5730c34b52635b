import { describe, expect, it } from "vitest";
import { projectDir } from "../support/fixtures";
import { cli, project, seedJson } from "./fixtures";

// `studiokit validate` with no files checks the project's flows: the ones `studiokit:flows` of
// Pulumi.<stack>.yaml lists, or every file in flows/. A project it cannot read is one line, exit 2.

const stack = (flows: string) =>
  `config:\n  twilio:accountSid: AC00000000000000000000000000000000\n  studiokit:flows:\n${flows}`;

describe("studiokit validate on a project", () => {
  it("checks every flow the dev stack lists", async () => {
    expect(await cli(projectDir, ["validate"])).toEqual({
      code: 0,
      stdout:
        "flows/do-you-like-bots.ts: ok\nflows/opening-hours.ts: ok\n2 files checked: 0 errors, 0 warnings\n",
      stderr: "",
    });
  });

  it("checks every file in flows/ when there is no stack file, and --stack names another", async () => {
    const dir = project({
      "flows/b.json": seedJson(),
      "flows/a.json": seedJson(),
      "flows/a.scenarios.yaml": "flow: ./a.json\n",
      "Pulumi.prod.yaml": stack("    - file: flows/b.json\n"),
    });
    expect(await cli(dir, ["validate"])).toEqual({
      code: 0,
      stdout: "flows/a.json: ok\nflows/b.json: ok\n2 files checked: 0 errors, 0 warnings\n",
      stderr: "",
    });
    expect((await cli(dir, ["validate", "--stack", "prod"])).stdout).toBe(
      "flows/b.json: ok\n1 file checked: 0 errors, 0 warnings\n",
    );
  });

  it.each([
    [
      "no flows/",
      {},
      [],
      "flows/: no such directory in DIR; create flows/<name>.ts (studiokit import turns a Studio export into one) or list flows under studiokit:flows",
    ],
    [
      "an empty flows/",
      { "flows/notes.txt": "" },
      [],
      "flows/ has no flow files; add flows/<name>.ts or list flows under studiokit:flows",
    ],
    [
      "a listed file that does not exist",
      { "Pulumi.dev.yaml": stack("    - file: flows/missing.ts\n") },
      [],
      "stack config studiokit:flows[0].file: flows/missing.ts: no such file",
    ],
    [
      "two flows with one name",
      {
        "a/x.json": seedJson(),
        "b/x.json": seedJson(),
        "Pulumi.dev.yaml": stack("    - file: a/x.json\n    - file: b/x.json\n"),
      },
      [],
      'stack config studiokit:flows[1]: a second flow named "x" (the first is stack config studiokit:flows[0]); give one of them another name:',
    ],
    [
      "a setting that is not studiokit's",
      { "Pulumi.dev.yaml": stack("    - file: flows/x.json\n      adresses: []\n") },
      [],
      "Pulumi.dev.yaml: stack config studiokit:flows[0].adresses: not a studiokit setting; remove it or check its spelling",
    ],
    ["a stack that does not exist", { "flows/x.json": seedJson() }, ["--stack", "prod"], "flows/x.json: ok"],
    [
      "--stack with files",
      { "flows/x.json": seedJson() },
      ["flows/x.json", "--stack", "dev"],
      "--stack chooses the project's flows; give it without files; usage: studiokit validate [<file.json|flow.ts>...] [--stack NAME] [--json] [--strict] [--no-typecheck]",
    ],
  ])("%s", async (_name, files, args, message) => {
    const dir = project(files);
    const run = await cli(dir, ["validate", ...args]);
    if (message.endsWith(": ok")) {
      expect(run).toEqual({
        code: 0,
        stdout: `${message}\n1 file checked: 0 errors, 0 warnings\n`,
        stderr: "",
      });
      return;
    }
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: `studiokit validate: ${message.replace("DIR", dir)}\n`,
    });
  });
});
