import fs from "node:fs";
import path from "node:path";

/** The kit's test data, all inside the package (provenance and licences in fixtures/real/SOURCES.md). */
export const fixturesDir = path.resolve(__dirname, "..", "fixtures");
export const realFlowsDir = path.join(fixturesDir, "real");
export const seedFlowPath = path.join(fixturesDir, "seed", "do-you-like-bots.json");
export const openApiDir = path.join(fixturesDir, "twilio-oai");
/** A project shaped as a user's (flows/, infra/, Pulumi.yaml): two flows, both wirings. */
export const projectDir = path.join(fixturesDir, "project");

/** The compiler options of a user's project outside this package (its flows import the built kit). */
export const userCompilerOptions = {
  strict: true,
  module: "nodenext",
  moduleResolution: "nodenext",
  target: "ES2022",
  skipLibCheck: true,
} as const;

export const legacyFlowFile = "twilio-labs--sample-preference-center--studio-v1-legacy.json";

export interface Fixture {
  readonly file: string;
  readonly path: string;
  readonly json: unknown;
}

function load(dir: string, prefix = ""): Fixture[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const p = path.join(dir, f);
      return { file: prefix + f, path: p, json: JSON.parse(fs.readFileSync(p, "utf8")) as unknown };
    });
}

/** The 19 whole flows (including the legacy v1 one). */
export const realFlows = (): Fixture[] => load(realFlowsDir);
/** The 21 single-widget fixtures. */
export const realWidgets = (): Fixture[] => load(path.join(realFlowsDir, "widgets"), "widgets/");
