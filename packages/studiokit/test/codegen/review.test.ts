import { describe, expect, it } from "vitest";
import { githubCommentLimit, reviewComment, reviewMarker } from "../../src/codegen";
import { type FlowDefinition } from "../../src/definition";

/** A flow of `n` messages in a chain, each body carrying `word`. */
function chain(n: number, word: string): FlowDefinition {
  return {
    initial_state: "Trigger",
    states: [
      {
        name: "Trigger",
        type: "trigger",
        transitions: [{ event: "incomingMessage", next: "m0" }],
        properties: {},
      },
      ...Array.from({ length: n }, (_, i) => ({
        name: `m${i}`,
        type: "send-message",
        transitions: [{ event: "sent", ...(i + 1 < n ? { next: `m${i + 1}` } : {}) }],
        properties: { body: `Message ${i}: ${word.repeat(20)}` },
      })),
    ],
  };
}

const flow = (definition: FlowDefinition) => ({ kind: "flow", definition }) as const;

describe("reviewComment", () => {
  it("keeps the marker a valid HTML comment for any path", () => {
    expect(reviewMarker("flows/a--b.ts")).toBe("<!-- studiokit:flow-review:flows/a-\\-b.ts -->");
  });

  it("leaves the diagram out, saying so, when the comment would pass GitHub's limit", () => {
    const body = reviewComment({
      path: "flows/big.json",
      before: flow(chain(220, "old ")),
      after: flow(chain(220, "new ")),
    });
    expect(body.length).toBeLessThanOrEqual(githubCommentLimit);
    expect(body).not.toContain("```mermaid");
    expect(
      body.endsWith(
        "\n_Diagram left out: this comment would pass GitHub's 65536-character limit. Run `studiokit diagram flows/big.json` locally._\n",
      ),
    ).toBe(true);
    expect(body).toContain("**Widgets:** 220 changed\n");
  });

  it("cuts the diff itself at a line, saying how to see all of it, when even that is too long", () => {
    const body = reviewComment({
      path: "flows/huge.json",
      before: flow(chain(600, "old ")),
      after: flow(chain(600, "new ")),
      base: "main",
    });
    expect(body.length).toBeLessThanOrEqual(githubCommentLimit);
    expect(
      body.startsWith(
        "<!-- studiokit:flow-review:flows/huge.json -->\n### Flow `flows/huge.json`\n\n**Widgets:** 600 changed\n",
      ),
    ).toBe(true);
    expect(
      body.endsWith(
        "\n\n_Diff cut short at GitHub's comment limit. Run `npx studiokit diff --git main flows/huge.json` locally for all of it._\n",
      ),
    ).toBe(true);
  });
});
