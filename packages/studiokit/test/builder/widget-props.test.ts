import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { generateWidgetProps, widgetPropsFile } from "../../scripts/generate-widget-props";

describe("src/builder/widget-props.ts", () => {
  it("is what scripts/generate-widget-props.ts writes from the current schemas (rerun it if not)", async () => {
    expect(await generateWidgetProps()).toBe(fs.readFileSync(widgetPropsFile, "utf8"));
  });
});
