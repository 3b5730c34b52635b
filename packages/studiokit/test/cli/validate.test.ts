import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, spawnCli, repoRoot } from "../support/run-cli";
import { legacyFlowFile, realFlowsDir } from "../support/fixtures";

// Files live under the checkout so messages show short relative paths and modules reach the builder.
const tmp = fs.mkdtempSync(path.join(repoRoot, "test", "cli", ".tmp-validate-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const rel = (name: string) => path.relative(repoRoot, path.join(tmp, name)).split(path.sep).join("/");

function write(name: string, value: unknown): string {
  fs.writeFileSync(path.join(tmp, name), typeof value === "string" ? value : JSON.stringify(value, null, 2));
  return rel(name);
}

const trigger = (next: string) => ({
  name: "Trigger",
  type: "trigger",
  transitions: [{ event: "incomingMessage", next }],
  properties: {},
});
const hello = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: "send-message",
  transitions: [{ event: "sent" }, { event: "failed" }],
  properties: { from: "{{flow.channel.address}}", body: "Hi", ...extra },
});
const flow = (...states: unknown[]) => ({ description: "t", states, initial_state: "Trigger" });

const warnsOnly = write("warns.json", flow(trigger("hello"), hello("hello"), hello("orphan")));
const broken = write("broken.json", flow(trigger("hello"), hello("hello", { media_url: 7 })));
const badJson = write("bad.json", '{ "states": [ }');
const duplicate = write(
  "duplicate.ts",
  `import { flow, sendMessage } from "${path
    .relative(tmp, path.join(repoRoot, "src", "builder"))
    .split(path.sep)
    .join("/")}";
const first = sendMessage("hello", { body: "one" });
first.on("sent", sendMessage("hello", { body: "two" }));
export default flow({ on: { incomingMessage: first } });
`,
);
const legacy = path.join(realFlowsDir, legacyFlowFile);

const unreachableLine = `${warnsOnly}: widget "orphan": states[2]: warning: no transition leads here from "Trigger", so it never runs; connect it or delete it\n`;
const mediaLine = `${broken}: widget "hello": states[1].properties.media_url: "media_url" must be a string such as "7" (Studio writes numbers as strings here); got number 7\n`;

describe("studiokit validate", () => {
  it("exits 0 when there are warnings only, and lists them", async () => {
    expect(await runCli(["validate", warnsOnly, "test/fixtures/project/flows/do-you-like-bots.ts"])).toEqual({
      code: 0,
      stdout: `${unreachableLine}test/fixtures/project/flows/do-you-like-bots.ts: ok\n2 files checked: 0 errors, 1 warning\n`,
      stderr: "",
    });
  });

  it("exits 1 on any error: schema issues of raw JSON, flow modules that do not compile, the legacy format", async () => {
    // duplicate.ts imports the kit's sources: their type check is the kit's own (npm run typecheck).
    expect(await runCli(["validate", "--no-typecheck", broken, duplicate, legacy])).toEqual({
      code: 1,
      stdout:
        mediaLine +
        `${duplicate}: widget "hello": states: two widgets are named "hello": a send-message first reached from "Trigger" on "incomingMessage", and a send-message first reached from "hello" on "sent"; give each widget its own name\n` +
        `${legacy}: widget "Trigger": states[0].type: "InitialState" is a widget of Studio's retired v1 flow format; studiokit reads v2 definitions. Re-create the flow in the Studio console (v2) and export it from there.\n` +
        "3 files checked: 3 errors, 0 warnings\n",
      stderr: "",
    });
  });

  it("prints [{ file, issues }] with --json", async () => {
    const run = await runCli(["validate", "--json", broken, warnsOnly]);
    expect({ ...run, stdout: JSON.parse(run.stdout) as unknown }).toEqual({
      code: 1,
      stdout: [
        {
          file: broken,
          issues: [
            {
              code: "property",
              severity: "error",
              path: "states[1].properties.media_url",
              widget: "hello",
              message:
                '"media_url" must be a string such as "7" (Studio writes numbers as strings here); got number 7',
            },
          ],
        },
        {
          file: warnsOnly,
          issues: [
            {
              code: "unreachable",
              severity: "warning",
              path: "states[2]",
              widget: "orphan",
              message: 'no transition leads here from "Trigger", so it never runs; connect it or delete it',
            },
          ],
        },
      ],
      stderr: "",
    });
  });

  it("exits 0 on Twilio's webchat sample and every other real v2 flow: warnings only", async () => {
    const real = fs
      .readdirSync(realFlowsDir)
      .filter((f) => f.endsWith(".json") && f !== legacyFlowFile)
      .map((f) => path.relative(repoRoot, path.join(realFlowsDir, f)));
    const run = await runCli(["validate", ...real]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n").at(-2)).toBe(`${real.length} files checked: 0 errors, 12 warnings`);
    expect(run.stdout).toContain(
      `twilio--twilio-webchat-react-app--studio-flow.json: widget "send_to_flex_agent": states[1].properties.attributes: warning: Liquid at line 1, column 272 reads widgets.send_service_options, but no widget is named "send_service_options", so it renders empty\n`,
    );
  });

  it("--strict makes warnings fail (exit 1) and says so; errors fail either way", async () => {
    expect(await runCli(["validate", "--strict", warnsOnly])).toEqual({
      code: 1,
      stdout: `${unreachableLine}1 file checked: 0 errors, 1 warning (--strict: warnings fail)\n`,
      stderr: "",
    });
    expect(
      (await runCli(["validate", "--strict", "test/fixtures/project/flows/do-you-like-bots.ts"])).code,
    ).toBe(0);
  });

  it("exits 2 with one line naming the file when input is unusable", async () => {
    expect(await runCli(["validate", warnsOnly, "flows/nope.json"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "studiokit validate: flows/nope.json: no such file\n",
    });
    expect(await runCli(["validate", badJson])).toEqual({
      code: 2,
      stdout: "",
      stderr: `studiokit validate: ${badJson}: invalid JSON at line 1, column 15: unexpected "}" where a value should be\n`,
    });
    fs.mkdirSync(path.join(tmp, "dir.json"));
    expect(await runCli(["validate", rel("dir.json")])).toEqual({
      code: 2,
      stdout: "",
      stderr: `studiokit validate: ${rel("dir.json")}: is a directory, not a flow file\n`,
    });
    expect(await runCli(["validate"], tmp)).toEqual({
      code: 2,
      stdout: "",
      stderr: `studiokit validate: flows/: no such directory in ${tmp}; create flows/<name>.ts (studiokit import turns a Studio export into one) or list flows under studiokit:flows\n`,
    });
  });

  it("runs as the real binary with exit codes 0, 1 and 2", async () => {
    const [ok, invalid, missing] = await Promise.all([
      spawnCli(["validate", warnsOnly]),
      spawnCli(["validate", broken]),
      spawnCli(["validate", "nope.json"]),
    ]);
    expect([ok, invalid, missing]).toEqual([
      { code: 0, stdout: `${unreachableLine}1 file checked: 0 errors, 1 warning\n`, stderr: "" },
      { code: 1, stdout: `${mediaLine}1 file checked: 1 error, 0 warnings\n`, stderr: "" },
      { code: 2, stdout: "", stderr: "studiokit validate: nope.json: no such file\n" },
    ]);
  });
});
