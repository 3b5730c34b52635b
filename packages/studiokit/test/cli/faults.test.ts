import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { faultLine } from "../../src/cli";
import { repoRoot } from "../support/run-cli";
import { seedFlowPath } from "../support/fixtures";
import { bin, generatedFolder, spawnCli } from "./fixtures";

// What nothing caught: a flow module's rejected promise or a throw in its timer is one line naming
// the module, exit 2 (it was a stack trace of 10 to 18 lines); anything else one internal-error line.

const { dir } = generatedFolder("faults");

function flowModule(name: string, fault: string): string {
  fs.writeFileSync(
    path.join(dir, name),
    `import { flow, sendMessage } from "studiokit";\n${fault}\nexport default flow({ on: { incomingConversationMessage: sendMessage("hello", { body: "hi" }) } });\n`,
  );
  return name;
}

const rejects = flowModule("rejects.ts", 'void Promise.reject(new Error("the CRM is down\\nat line two"));');
const timer = flowModule("timer.ts", 'setTimeout(() => { throw new Error("late failure"); }, 0);');
const text = flowModule("reject-text.ts", 'void Promise.reject("just a string");');
const later = flowModule(
  "later.ts",
  'setTimeout(() => void Promise.reject(new TypeError("fetch failed")), 5);',
);
fs.writeFileSync(
  path.join(dir, "timer.scenarios.yaml"),
  [
    "flow: ./timer.ts",
    "scenarios:",
    "  - name: hello",
    '    trigger: { event: incomingConversationMessage, from: "+15558675310", to: "+15017122661", body: "hi" }',
    "    steps: []",
    "",
  ].join("\n"),
);

describe("a fault in a flow module, in the real binary", () => {
  // The type check before the load is seconds of CPU per process and not what these test: one
  // command runs it (`test` then finds its result cached), the others skip it.
  it.each([
    [["compile", rejects, "--no-typecheck"], `studiokit compile: ${rejects}: the CRM is down`],
    [["validate", timer], `studiokit validate: ${timer}: late failure`],
    [["diagram", text], `studiokit diagram: ${text}: just a string`],
    [["compile", later, "--no-typecheck"], `studiokit compile: ${later}: fetch failed`],
    [["test", "timer.scenarios.yaml"], `studiokit test: ${timer}: late failure`],
  ])("%j prints one line naming the module, exit 2", async (args, line) => {
    const run = await spawnCli(dir, args);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 2, stderr: `${line}\n` });
  });

  it("ends quietly when the reader of its output has gone (| head)", async () => {
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [bin, "compile", seedFlowPath], (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stderr }),
      );
      child.stdout?.destroy();
    });
    expect(run).toEqual({ code: 0, stderr: "" });
  });
});

describe("faultLine", () => {
  const modules = [
    { path: "/project/flows/a.ts", shown: "flows/a.ts" },
    { path: "/project/flows/b.ts", shown: "flows/b.ts" },
  ];
  const thrown = (message: string, ...frames: string[]) =>
    Object.assign(new Error(message), {
      stack: [`Error: ${message}`, ...frames.map((f) => `    at ${f}`)].join("\n"),
    });
  const kitFrame = `check (${path.join(repoRoot, "src", "validator", "validate.ts")}:10:3)`;

  it("blames the module the stack names", () => {
    expect(faultLine(thrown("boom", "x (/project/flows/a.ts:3:9)", kitFrame), "compile", modules)).toBe(
      "studiokit compile: flows/a.ts: boom",
    );
  });

  it("blames the flow modules when no frame is the kit's own", () => {
    expect(faultLine("text", "test", modules.slice(0, 1))).toBe("studiokit test: flows/a.ts: text");
    expect(faultLine(thrown("socket hang up", "node:internal/x:1:1"), "test", modules)).toBe(
      "studiokit test: one of the flow modules flows/a.ts, flows/b.ts: socket hang up",
    );
  });

  it("calls anything else an internal error, on one line", () => {
    expect(faultLine(thrown("bug\nmore", kitFrame), "validate", modules)).toBe(
      "studiokit: internal error: bug",
    );
    expect(faultLine(thrown("bug", "node:internal/x:1:1"), "validate", [])).toBe(
      "studiokit: internal error: bug",
    );
  });
});
