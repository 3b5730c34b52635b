import fs from "node:fs";
import { maxNestingDepth, nestingMessage } from "../../src/definition";
import { seedFlowPath } from "./fixtures";

/** The depths the nesting sweeps try: ordinary, around the limit, and what overflowed the stack. */
export const sweepDepths = [
  10,
  maxNestingDepth - 1,
  maxNestingDepth,
  maxNestingDepth + 1,
  500,
  5_000,
  100_000,
];

/** JSON text of `depth` objects nested under `a` keys, built without a recursive JSON.stringify. */
export const nestedObjectText = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

/** Objects nest in the tutorial flow as `states[0].properties.deep`, the 5th level. */
const deepLevel = 5;

/** The tutorial flow's JSON with a value under its trigger's properties, so the whole nests `depth` levels. */
export function nestedFlowText(depth: number): string {
  const seed = JSON.stringify(JSON.parse(fs.readFileSync(seedFlowPath, "utf8")));
  const at = seed.indexOf('"properties":{') + '"properties":{'.length;
  return `${seed.slice(0, at)}"deep":${nestedObjectText(depth - deepLevel + 1)},${seed.slice(at)}`;
}

/** The path and words a reader reports for `nestedFlowText` deeper than the limit. */
export const flowNestingProblem = {
  path: `states[0].properties.deep${".a".repeat(maxNestingDepth - deepLevel + 1)}`,
  message: nestingMessage,
};
