import fs from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { seedFlowPath } from "./fixtures";
import { withEmulator, type TestEmulator } from "./emulator";

/**
 * One emulator for the whole test file, with the tutorial flow published; read `env.t` and
 * `env.flowSid` inside tests (they are set by the file's beforeAll).
 */
export function useEmulatorWithTutorial(): { t: TestEmulator; flowSid: string } {
  const env = {} as { t: TestEmulator; flowSid: string };
  beforeAll(async () => {
    env.t = await withEmulator();
    const definition = JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as Record<string, unknown>;
    const flow = await env.t.client.studio.v2.flows.create({
      friendlyName: "tutorial",
      status: "published",
      definition,
    });
    env.flowSid = flow.sid;
  });
  afterAll(() => env.t.emulator.close());
  return env;
}
