import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flowDiffMarkdown } from "../../src/codegen";
import { type FlowDefinition } from "../../src/definition";
import { repoRoot, runCli, spawnCli } from "../support/run-cli";

const fixtures = path.join(__dirname, "..", "codegen", "fixtures");
const beforeFile = path.join(fixtures, "tutorial-before.json");
const changedFile = path.join(fixtures, "tutorial-changed.json");
/** The widget diff of before → changed, as test/codegen/diff.test.ts expects it too. */
const tutorialDiff = fs.readFileSync(path.join(fixtures, "tutorial-changed.diff.md"), "utf8");
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as FlowDefinition;

const small = (body: string): FlowDefinition => ({
  description: "small",
  initial_state: "Trigger",
  flags: { allow_concurrent_calls: true },
  states: [
    {
      name: "Trigger",
      type: "trigger",
      transitions: [{ event: "incomingMessage", next: "hello" }],
      properties: {},
    },
    {
      name: "hello",
      type: "send-message",
      transitions: [{ event: "sent" }, { event: "failed" }],
      properties: { body },
    },
  ],
});

/** A throwaway repository with a base and a head commit of a few flow files. */
const repo = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-diff-"));
const refs = { base: "", head: "" };
async function git(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)("git", args, {
    cwd: repo,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
    },
  });
  return stdout.trim();
}
function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), text);
}

beforeAll(async () => {
  await git("init", "-q", "-b", "main");
  write("flows/tutorial.json", fs.readFileSync(beforeFile, "utf8"));
  write("flows/gone.json", JSON.stringify(small("bye")));
  write("flows/notes.md", "notes\n");
  await git("add", ".");
  await git("commit", "-q", "-m", "base");
  refs.base = await git("rev-parse", "HEAD");
  write("flows/tutorial.json", fs.readFileSync(changedFile, "utf8"));
  fs.rmSync(path.join(repo, "flows/gone.json"));
  write("flows/new.json", JSON.stringify(small("hi")));
  write("flows/broken.json", '{ "states": [ }');
  write("flows/new.scenario.json", "{}");
  write("flows/notes.md", "more notes\n");
  await git("add", "-A");
  await git("commit", "-q", "-m", "head");
  refs.head = await git("rev-parse", "HEAD");
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe("studiokit diff", () => {
  it("prints the widget-level diff of two files, with the styled diagram under --mermaid", async () => {
    const expected = flowDiffMarkdown(read(beforeFile), read(changedFile), true);
    expect(await runCli(["diff", beforeFile, changedFile, "--mermaid"])).toEqual({
      code: 0,
      stdout: expected,
      stderr: "",
    });
    expect(expected).toContain("```mermaid\nflowchart TD\n");
  });

  it("sees no change between a flow and its reordered, re-indented copy", async () => {
    const copy = path.join(repo, "reordered.json");
    const flow = read(beforeFile);
    fs.writeFileSync(copy, JSON.stringify({ ...flow, states: [...flow.states].reverse() }, null, 4));
    expect(await runCli(["diff", beforeFile, copy])).toEqual({
      code: 0,
      stdout: "No changes (formatting and widget order aside).\n",
      stderr: "",
    });
  });

  it("compares the working file with the file at a git ref, from any directory", async () => {
    write("flows/tutorial.json", fs.readFileSync(beforeFile, "utf8"));
    try {
      expect(await runCli(["diff", "--git", "HEAD", "tutorial.json"], path.join(repo, "flows"))).toEqual({
        code: 0,
        stdout: flowDiffMarkdown(read(changedFile), read(beforeFile)),
        stderr: "",
      });
      expect(await runCli(["diff", "--git", refs.base, "flows/tutorial.json"], repo)).toEqual({
        code: 0,
        stdout: "No changes (formatting and widget order aside).\n",
        stderr: "",
      });
    } finally {
      await git("checkout", "--", "flows/tutorial.json");
    }
  });

  it("reads a flow module at a ref beside the real file, and leaves nothing behind", async () => {
    expect(
      await runCli(["diff", "--git", "HEAD", "test/fixtures/project/flows/do-you-like-bots.ts"]),
    ).toEqual({
      code: 0,
      stdout: "No changes (formatting and widget order aside).\n",
      stderr: "",
    });
    expect(
      fs
        .readdirSync(path.join(repoRoot, "test", "fixtures", "project", "flows"))
        .filter((f) => f.startsWith(".studiokit-")),
    ).toEqual([]);
  });

  it("names the file and the ref when the old version cannot be had", async () => {
    expect(await runCli(["diff", "--git", refs.base, "flows/new.json"], repo)).toEqual({
      code: 2,
      stdout: "",
      stderr: "studiokit diff: flows/new.json does not exist at " + refs.base + "\n",
    });
    expect(await runCli(["diff", "--git", "no-such-branch", "flows/new.json"], repo)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'studiokit diff: "no-such-branch" is not a commit in this repository; give a branch, tag or commit\n',
    });
    expect(await runCli(["diff", beforeFile], repo)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "studiokit diff: give the old and the new flow file; usage: studiokit diff <old> <new> [--mermaid] | --git <ref> <file> [--mermaid] | --pr <base> <head> [--flows dir] [--json]\n",
    });
  });

  it("builds one pull-request comment per changed flow file, found again by its hidden marker", async () => {
    const run = await runCli(["diff", "--pr", refs.base, refs.head, "--json"], repo);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual([
      {
        path: "flows/broken.json",
        marker: "<!-- studiokit:flow-review:flows/broken.json -->",
        body: `<!-- studiokit:flow-review:flows/broken.json -->
### Flow \`flows/broken.json\`

The flow could not be read after this change: flows/broken.json at ${refs.head}: invalid JSON at line 1, column 15: unexpected "}" where a value should be
`,
      },
      {
        path: "flows/gone.json",
        marker: "<!-- studiokit:flow-review:flows/gone.json -->",
        body: `<!-- studiokit:flow-review:flows/gone.json -->
### Flow \`flows/gone.json\`

Flow deleted (it had 2 widgets).
`,
      },
      {
        path: "flows/new.json",
        marker: "<!-- studiokit:flow-review:flows/new.json -->",
        body: `<!-- studiokit:flow-review:flows/new.json -->
### Flow \`flows/new.json\`

New flow: 2 widgets.

<details open>
<summary>Diagram</summary>

\`\`\`mermaid
flowchart TD
  Trigger(["Trigger<br/>trigger"])
  hello["hello<br/>send-message<br/>“hi”"]
  Trigger -->|"incomingMessage"| hello
\`\`\`

</details>
`,
      },
      {
        path: "flows/tutorial.json",
        marker: "<!-- studiokit:flow-review:flows/tutorial.json -->",
        body: `<!-- studiokit:flow-review:flows/tutorial.json -->
### Flow \`flows/tutorial.json\`

${tutorialDiff}
<details open>
<summary>Diagram</summary>

\`\`\`mermaid
flowchart TD
  Trigger(["Trigger<br/>trigger"])
  ask_again["ask_again<br/>send-and-wait-for-reply<br/>“Still there? Do you like bots?”"]
  say_robot["say_robot<br/>send-message<br/>“🤖”"]
  send_and_reply_1["send_and_reply_1<br/>send-and-wait-for-reply<br/>“Hi, do you like bots? Reply YES or NO a…”"]
  send_message_1["send_message_1<br/>send-message<br/>“👻”"]
  split_1{"split_1<br/>split-based-on<br/>{{widgets.send_and_reply_1.inbound.Body}}"}
  send_message_3["send_message_3<br/>send-message<br/>“👽”"]
  Trigger -->|"incomingConversationMessage"| send_and_reply_1
  ask_again -->|"incomingMessage"| split_1
  send_and_reply_1 -->|"incomingMessage"| split_1
  send_and_reply_1 -->|"timeout"| ask_again
  split_1 -->|"noMatch"| send_message_1
  split_1 -->|"match: matches_any_of yes,Yes"| say_robot
  split_1 -->|"match: matches_any_of no,No"| send_message_1
  classDef added fill:#dafbe1,stroke:#1a7f37,color:#1f2328
  class ask_again added
  classDef changed fill:#fff8c5,stroke:#9a6700,color:#1f2328
  class send_and_reply_1,split_1,say_robot changed
  classDef removed fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-dasharray:5 3
  class send_message_3 removed
\`\`\`

</details>
`,
      },
    ]);
  });

  it("prints the bodies as Markdown without --json, and says when no flow changed", async () => {
    const run = await runCli(["diff", "--pr", refs.base, refs.head], repo);
    expect(run.stdout.split("\n---\n\n").map((body) => body.split("\n")[0])).toEqual([
      "<!-- studiokit:flow-review:flows/broken.json -->",
      "<!-- studiokit:flow-review:flows/gone.json -->",
      "<!-- studiokit:flow-review:flows/new.json -->",
      "<!-- studiokit:flow-review:flows/tutorial.json -->",
    ]);
    expect(await runCli(["diff", "--pr", refs.head, refs.head], repo)).toEqual({
      code: 0,
      stdout: "No flow files changed.\n",
      stderr: "",
    });
  });

  it("refuses a --flows directory that is at neither ref, rather than saying nothing changed", async () => {
    expect(await runCli(["diff", "--pr", refs.base, refs.head, "--flows", "no-such-dir"], repo)).toEqual({
      code: 2,
      stdout: "",
      stderr: `studiokit diff: no-such-dir: no such directory at ${refs.base} or at ${refs.head}; name the directory of the flows with --flows\n`,
    });
    // A directory only in the working tree is at neither ref either.
    fs.mkdirSync(path.join(repo, "elsewhere"));
    expect((await runCli(["diff", "--pr", refs.base, refs.head, "--flows", "elsewhere"], repo)).code).toBe(2);
    expect((await runCli(["diff", "--pr", refs.base, refs.head, "--flows", "flows"], repo)).code).toBe(0);
  });

  it("runs from the real binary", async () => {
    expect(await spawnCli(["diff", beforeFile, beforeFile])).toEqual({
      code: 0,
      stdout: "No changes (formatting and widget order aside).\n",
      stderr: "",
    });
  });
});
