import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxNestingDepth, nestingMessage } from "../../src/definition";
import { twilioError, withEmulator, type TestEmulator } from "../support/emulator";
import { seedFlowPath } from "../support/fixtures";
import { flowNestingProblem, nestedFlowText, nestedObjectText, sweepDepths } from "../support/nesting";

// The local Twilio reads a Definition and execution Parameters with the definition room's depth
// check: up to the limit as usual, past it a Twilio-shaped 400 naming the path (it answered 500).

let t: TestEmulator;
let flowSid: string;
beforeAll(async () => {
  t = await withEmulator();
  const res = await t.raw("POST", "/v2/Flows", {
    FriendlyName: "shallow",
    Status: "published",
    Definition: fs.readFileSync(seedFlowPath, "utf8"),
  });
  flowSid = (res.json as { sid: string }).sid;
});
afterAll(() => t.emulator.close());

const pointer = `#/${flowNestingProblem.path.replace("[0]", "/0").replaceAll(".", "/")}`;
const shallow = sweepDepths.filter((depth) => depth <= maxNestingDepth);
const deep = sweepDepths.filter((depth) => depth > maxNestingDepth);

describe.each(["/v2/Flows", "/v2/Flows/Validate"])("POST %s", (path) => {
  const write = (depth: number) =>
    t.raw("POST", path, {
      FriendlyName: `deep ${depth}`,
      Status: "draft",
      Definition: nestedFlowText(depth),
    });

  it.each(shallow)("takes a Definition nested %i levels", async (depth) => {
    const res = await write(depth);
    expect(res.status).toBe(path.endsWith("Validate") ? 200 : 201);
  });

  it.each(deep)("answers 400/81022 naming the path to a Definition nested %i levels", async (depth) => {
    const res = await write(depth);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      ...twilioError(400, 81022, `Invalid Flow Definition: ${pointer}: ${nestingMessage}`),
      details: { errors: [{ message: nestingMessage, property_path: pointer }], warnings: [] },
    });
  });
});

describe("POST /v2/Flows/{sid}/Executions", () => {
  const start = (depth: number) =>
    t.raw("POST", `/v2/Flows/${flowSid}/Executions`, {
      To: `+1555000${String(depth).padStart(4, "0").slice(-4)}`,
      From: "+15017122661",
      Parameters: nestedObjectText(depth),
    });

  it.each(shallow)("starts an execution with Parameters nested %i levels", async (depth) => {
    const res = await start(depth);
    expect(res.status).toBe(201);
  });

  it.each(deep)("answers 400/20001 naming the path to Parameters nested %i levels", async (depth) => {
    const res = await start(depth);
    expect(res.status).toBe(400);
    expect(res.json).toEqual(
      twilioError(
        400,
        20001,
        `Invalid parameter Parameters: a${".a".repeat(maxNestingDepth - 1)}: ${nestingMessage}`,
      ),
    );
  });
});
