import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generatePlainTypes } from "../../scripts/generate-plain-types";

describe("the generated plain types", () => {
  it("are what scripts/generate-plain-types.ts writes from the current schemas (rerun it if not)", async () => {
    const files = await generatePlainTypes();
    expect([...files.keys()].map((file) => path.relative(path.join(__dirname, "../.."), file))).toEqual([
      path.join("src", "definition", "types.ts"),
      path.join("src", "validator", "issue-types.ts"),
    ]);
    for (const [file, text] of files) expect(text).toBe(fs.readFileSync(file, "utf8"));
  });
});
