import { z } from "zod";
import { formatPath, widgetTypes, type WidgetSpec } from "../../definition";
import { type State } from "../../definition/types";
import { type FlowIndex } from "../flow-index";
import { type ValidationIssue } from "../issue";
import { didYouMean, editDistance } from "../suggest";
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

/** A versioned type (`run-function-v2`) and its stem: a newer `-vN` is a new widget, not a typo. */
const versioned = /^(.*?)(?:-v\d+)?$/;
const stem = (type: string) => versioned.exec(type)?.[1] ?? type;

/**
 * The known type an unknown one misspells: one or two edits away (letter case aside), and not
 * another version of the same widget (`run-function-v3` would be Studio's next version, not a typo of
 * `run-function-v2`).
 */
function misspelt(type: string): string | undefined {
  const lower = type.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of widgetTypes) {
    if (stem(known) === stem(lower) && known !== lower) continue;
    const distance = editDistance(lower, known, 2);
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

function unknownTypeIssue(flow: FlowIndex, state: State, i: number): ValidationIssue {
  const typo = misspelt(state.type);
  if (typo !== undefined)
    return flow.issue(
      i,
      "widget-type-typo",
      ["type"],
      `"${state.type}" is not a Studio widget type; did you mean "${typo}"?`,
    );
  return flow.issue(
    i,
    "unknown-widget-type",
    ["type"],
    `"${state.type}" is not a widget type studiokit knows (a newer Studio widget?), so its properties and events are not checked${didYouMean(state.type, widgetTypes)}`,
  );
}

/**
 * Each widget's `properties` against its type's schema (`widgetSpecs[type].properties`). A
 * required string left empty (`"url": ""`, as templates ship) passes the schema but fails at run
 * time: a warning. A type one or two edits from a known one is a misspelling (Studio refuses it);
 * a type far from all is a warning (Studio may have added it), its properties kept unchecked.
 */
export function checkProperties(flow: FlowIndex, state: State, i: number, issues: ValidationIssue[]): void {
  const spec = flow.spec(i);
  if (!spec) {
    issues.push(unknownTypeIssue(flow, state, i));
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
    issues.push(flow.issue(i, "property", ["properties", ...path], message));
  }
  for (const key of requiredKeys(spec)) {
    const value = state.properties[key];
    if (typeof value !== "string" || value.trim() !== "") continue;
    issues.push(
      flow.issue(
        i,
        "empty-property",
        ["properties", key],
        `"${key}" is empty, but ${spec.label} needs it; the widget fails when it runs`,
      ),
    );
  }
}
