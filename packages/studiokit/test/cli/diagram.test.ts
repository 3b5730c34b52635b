import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { flowDiagram } from "../../src/codegen";
import { type FlowDefinition } from "../../src/definition";
import { runCli, spawnCli } from "../support/run-cli";
import { seedFlowPath } from "../support/fixtures";

const tutorialMermaid = flowDiagram(JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as FlowDefinition).text;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-diagram-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("studiokit diagram", () => {
  it("draws the tutorial flow module exactly as its JSON (offsets play no part)", async () => {
    expect(await runCli(["diagram", "test/fixtures/project/flows/do-you-like-bots.ts"])).toEqual({
      code: 0,
      stdout: tutorialMermaid,
      stderr: "",
    });
    expect(tutorialMermaid.startsWith("flowchart TD\n  Trigger([")).toBe(true);
  });

  it("fences the diagram for Markdown with --format markdown", async () => {
    expect(await runCli(["diagram", seedFlowPath, "--format", "markdown"])).toEqual({
      code: 0,
      stdout: `\`\`\`mermaid\n${tutorialMermaid}\`\`\`\n`,
      stderr: "",
    });
  });

  it("says so on stderr and prints a summary when the flow is too large for GitHub", async () => {
    const states = [
      {
        name: "Trigger",
        type: "trigger",
        transitions: [{ event: "incomingRequest", next: "w0" }],
        properties: {},
      },
      ...Array.from({ length: 600 }, (_, i) => ({
        name: `w${i}`,
        type: "set-variables",
        transitions: [{ event: "next", ...(i < 599 ? { next: `w${i + 1}` } : {}) }],
        properties: {},
      })),
    ];
    const file = path.join(tmp, "big.json");
    fs.writeFileSync(file, JSON.stringify({ description: "big", initial_state: "Trigger", states }));
    expect(await runCli(["diagram", file])).toEqual({
      code: 0,
      stdout: `**No diagram:** the flow has 600 wired transitions; GitHub draws at most 500 edges in a Mermaid diagram. A summary instead:

| widget type | count |
| --- | ---: |
| set-variables | 600 |
| trigger | 1 |
| **all** | **601** |

Entry paths (each widget's first wired transition):

- \`incomingRequest\` → \`w0\` (set-variables) → \`w1\` (set-variables) → \`w2\` (set-variables) → \`w3\` (set-variables) → \`w4\` (set-variables) → \`w5\` (set-variables) → …
`,
      stderr:
        "studiokit diagram: too large for a GitHub Mermaid diagram: the flow has 600 wired transitions; GitHub draws at most 500 edges in a Mermaid diagram; printing a summary\n",
    });
  });

  it("rejects unusable input with one line and exit 2", async () => {
    expect(await runCli(["diagram", "flows/nope.json"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "studiokit diagram: flows/nope.json: no such file\n",
    });
    expect(await runCli(["diagram", seedFlowPath, "--format", "svg"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "studiokit diagram: --format svg is not supported; use mermaid or markdown\n",
    });
    expect(await runCli(["diagram"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "studiokit diagram: give exactly one flow file; usage: studiokit diagram <flow.ts|flow.json> [--format mermaid|markdown]\n",
    });
  });

  it("runs from the real binary", async () => {
    expect(await spawnCli(["diagram", "test/fixtures/project/flows/do-you-like-bots.ts"])).toEqual({
      code: 0,
      stdout: tutorialMermaid,
      stderr: "",
    });
  });
});
