import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emptyFindings, fuzzCase, runCase } from "./fuzz-support";

describe("engine/fuzz: generated and mutated flows", () => {
  it("every generated or mutated flow ends or waits within Studio's limits, without an uncaught error", async () => {
    const findings = emptyFindings();
    await fc.assert(
      fc.asyncProperty(fuzzCase, (c) => runCase(c, findings)),
      { numRuns: 300, seed: 20240501 },
    );
    // The generator reaches the interesting endings, not only trivial ones.
    expect(Object.keys(findings.ends).sort()).toEqual(
      expect.arrayContaining(["finished", "waiting", "limit", "noTransition"]),
    );
    expect(findings.steps).toBeGreaterThan(1000);
  });
});
