import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";

// The workflow a project copies from this repository (its root .github/), tested where it is.
const workflowFile = path.join(__dirname, "..", "..", "..", "..", ".github", "workflows", "flow-review.yml");
const step = z.looseObject({
  name: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  if: z.string().optional(),
  with: z.record(z.string(), z.unknown()).optional(),
  env: z.record(z.string(), z.string()).optional(),
});
const workflowSchema = z.looseObject({
  name: z.string(),
  on: z.looseObject({ pull_request: z.null() }),
  permissions: z.record(z.string(), z.string()),
  jobs: z.record(z.string(), z.looseObject({ "runs-on": z.string(), steps: z.array(step) })),
});
const workflow = workflowSchema.parse(parse(fs.readFileSync(workflowFile, "utf8")));
const steps = workflow.jobs["flow-review"]!.steps;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-workflow-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Comment {
  id: number;
  body: string;
}

/** Runs the github-script step against an in-memory pull request holding `comments`. */
async function runCommentStep(comments: Comment[], reviews: unknown[]): Promise<string[]> {
  const script = steps.find((s) => s.uses?.startsWith("actions/github-script@"))?.with?.["script"];
  if (typeof script !== "string") throw new Error("no github-script step");
  fs.writeFileSync(path.join(tmp, "flow-review.json"), JSON.stringify(reviews));
  const calls: string[] = [];
  const listComments = () => undefined;
  const github = {
    paginate: (method: unknown, params: { issue_number: number }) => {
      expect(method).toBe(listComments);
      calls.push(`list #${params.issue_number}`);
      return Promise.resolve(comments);
    },
    rest: {
      issues: {
        listComments,
        createComment: (p: { issue_number: number; body: string }) =>
          Promise.resolve(calls.push(`create #${p.issue_number}: ${p.body.split("\n")[0]}`)),
        updateComment: (p: { comment_id: number; body: string }) =>
          Promise.resolve(
            calls.push(`update ${p.comment_id}: ${p.body.split("\n").slice(0, 2).join(" / ")}`),
          ),
      },
    },
  };
  const context = { repo: { owner: "acme", repo: "flows" }, issue: { number: 7 } };
  const core = { info: (text: string) => calls.push(`info ${text}`) };
  const env = { env: { RUNNER_TEMP: tmp } };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  await new AsyncFunction("require", "github", "context", "core", "process", script)(
    require,
    github,
    context,
    core,
    env,
  );
  return calls;
}

describe("the flow-review workflow", () => {
  it("runs on pull requests: full-history checkout, install, tests, scenarios, comments", () => {
    expect(workflow.on).toEqual({ pull_request: null });
    expect(workflow.permissions).toEqual({ contents: "read", issues: "write", "pull-requests": "write" });
    expect(steps.map((s) => s.uses ?? s.run)).toEqual([
      "actions/checkout@v4",
      "actions/setup-node@v4",
      "npm ci",
      "npm test",
      "npx studiokit test",
      'npx studiokit diff --pr "$BASE_SHA" "$HEAD_SHA" --json > "$RUNNER_TEMP/flow-review.json"',
      "actions/github-script@v7",
    ]);
    expect(steps[0]!.with).toEqual({ "fetch-depth": 0 });
    expect(steps[5]!.env).toEqual({
      BASE_SHA: "${{ github.event.pull_request.base.sha }}",
      HEAD_SHA: "${{ github.event.pull_request.head.sha }}",
    });
  });

  it("creates a comment for a new flow, updates a changed one, leaves an unchanged one alone", async () => {
    const marker = (p: string) => `<!-- studiokit:flow-review:${p} -->`;
    const comments: Comment[] = [
      { id: 1, body: "LGTM" },
      { id: 2, body: `${marker("flows/a.ts")}\nold body` },
      { id: 3, body: `${marker("flows/b.ts")}\nsame` },
    ];
    const reviews = [
      { path: "flows/a.ts", marker: marker("flows/a.ts"), body: `${marker("flows/a.ts")}\nnew body` },
      { path: "flows/b.ts", marker: marker("flows/b.ts"), body: `${marker("flows/b.ts")}\nsame` },
      { path: "flows/c.json", marker: marker("flows/c.json"), body: `${marker("flows/c.json")}\nfirst` },
    ];
    expect(await runCommentStep(comments, reviews)).toEqual([
      "list #7",
      "update 2: <!-- studiokit:flow-review:flows/a.ts --> / new body",
      "info updated the comment on flows/a.ts",
      "info the comment on flows/b.ts is up to date",
      "create #7: <!-- studiokit:flow-review:flows/c.json -->",
      "info commented on flows/c.json",
    ]);
  });
});
