import { z } from "zod";
import { formatPath, widgetTypes, type WidgetSpec, type State } from "../../definition";
import { type FlowIndex } from "../flow-index";
import { type ValidationIssue } from "../issue";
import { didYouMean } from "../suggest";
import { describeZodIssue } from "../zod-messages";

const requiredKeysByType = new Map<string, readonly string[]>();

/** The properties a widget type cannot do without (not optional in its schema). */
function requiredKeys(spec: WidgetSpec): readonly string[] {
  let keys = requiredKeysByType.get(spec.type);
  if (!keys) {
    keys = Object.entries(spec.properties.shape)
      .filter(([, schema]) => !z.safeParse(schema, undefined).success)
      .map(([key]) => key);
    requiredKeysByType.set(spec.type, keys);
  }
  return keys;
}

/**
 * Each widget's `properties` against its type's schema (`widgetSpecs[type].properties`). A
 * required string left empty (`"url": ""`, as templates ship) passes the schema but fails at run
 * time: a warning. A type studiokit does not know is a warning (Studio may have added it); its
 * properties are kept unchecked.
 */
export function checkProperties(flow: FlowIndex, state: State, i: number, issues: ValidationIssue[]): void {
  const spec = flow.spec(i);
  if (!spec) {
    issues.push(
      flow.issue(
        i,
        "unknown-widget-type",
        "warning",
        ["type"],
        `"${state.type}" is not a widget type studiokit knows, so its properties and events are not checked${didYouMean(state.type, widgetTypes)}`,
      ),
    );
    return;
  }
  // Parsed already when the whole state was checked against its type (validateDefinition).
  const problems = flow.propertiesValid?.[i]
    ? []
    : (spec.properties.safeParse(state.properties).error?.issues ?? []);
  for (const issue of problems) {
    const label = `"${formatPath(issue.path)}"`;
    const message = describeZodIssue(issue, state.properties, label, spec.label);
    const path = issue.path.map((key) => (typeof key === "number" ? key : String(key)));
    issues.push(flow.issue(i, "property", "error", ["properties", ...path], message));
  }
  for (const key of requiredKeys(spec)) {
    const value = state.properties[key];
    if (typeof value !== "string" || value.trim() !== "") continue;
    issues.push(
      flow.issue(
        i,
        "empty-property",
        "warning",
        ["properties", key],
        `"${key}" is empty, but ${spec.label} needs it; the widget fails when it runs`,
      ),
    );
  }
}
