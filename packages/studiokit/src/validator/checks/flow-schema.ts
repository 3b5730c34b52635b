import {
  flowDefinitionSchema,
  formatPath,
  isLegacyV1Type,
  isWidgetType,
  legacyV1Problem,
  stateSchema,
  widgetSpecs,
} from "../../definition";
import { type FlowDefinition, type WidgetType } from "../../definition/types";
import { fits, type Fits } from "../fits";
import { makeIssue, type ValidationIssue } from "../issue";
import { describeZodIssue } from "../zod-messages";

function nameOf(state: unknown): string | undefined {
  if (typeof state !== "object" || state === null || !("name" in state)) return undefined;
  return typeof state.name === "string" && state.name !== "" ? state.name : undefined;
}

/** The `name` of the state a flow-level path points into (`states[3]…`), if it has one. */
function widgetAt(input: unknown, path: string): string | undefined {
  const match = /^states\[(\d+)\]/.exec(path);
  if (!match || typeof input !== "object" || input === null || !("states" in input)) return undefined;
  return Array.isArray(input.states) ? nameOf(input.states[Number(match[1])]) : undefined;
}

function labelOf(path: readonly PropertyKey[], whole: string): string {
  if (path.length === 0) return whole;
  const last = path[path.length - 1];
  return typeof last === "number" ? `item ${formatPath(path)}` : `"${String(last)}"`;
}

function issue(path: string, message: string, widget: string | undefined): ValidationIssue {
  return makeIssue(path.startsWith("initial_state") ? "initial-state" : "schema", path, message, widget);
}

/**
 * Reads a definition as `parseFlowDefinition` does (the legacy v1 format first, then the flow
 * schema: top level, states, transitions, conditions), with the issues of one that does not fit.
 * Nothing else is checked then: the other checks need the structure. zod's issues are reworded
 * for flow authors; the legacy v1 problem keeps the definition room's words.
 */
export function readFlow(
  input: unknown,
): { ok: true; value: FlowDefinition } | { ok: false; issues: ValidationIssue[] } {
  const legacy = legacyV1Problem(input);
  if (legacy)
    return { ok: false, issues: [issue(legacy.path, legacy.message, widgetAt(input, legacy.path))] };
  const result = flowDefinitionSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((zodIssue) => {
    const path = formatPath(zodIssue.path);
    const message = describeZodIssue(zodIssue, input, labelOf(zodIssue.path, "the flow definition"));
    return issue(
      path,
      path === "initial_state" ? message + triggerHint(input) : message,
      widgetAt(input, path),
    );
  });
  return { ok: false, issues };
}

/** `initial_state` names the trigger widget: say which one, when the states show it. */
function triggerHint(input: unknown): string {
  if (typeof input !== "object" || input === null || !("states" in input) || !Array.isArray(input.states))
    return "";
  const triggers = input.states.flatMap((state: unknown) =>
    typeof state === "object" && state !== null && "type" in state && state.type === "trigger"
      ? [nameOf(state)]
      : [],
  );
  const [name] = triggers;
  return triggers.length === 1 && name !== undefined ? `; it names the trigger widget, here "${name}"` : "";
}

/** The issues of a lone widget (state object) that does not fit the state schema. */
export function widgetSchemaIssues(input: unknown): ValidationIssue[] {
  const result = stateSchema.safeParse(input);
  return (result.error?.issues ?? []).map((zodIssue) =>
    issue(
      formatPath(zodIssue.path),
      describeZodIssue(zodIssue, input, labelOf(zodIssue.path, "the widget")),
      nameOf(input),
    ),
  );
}

// Whether a value fits is asked with `validate` (see ../fits.ts): the same schemas, but no parsed
// copy is built. On a 10,000-widget flow the copies were half of all the memory compile +
// validate allocated, and writing them pushed the flow itself out of the CPU caches.
const stateFits = fits(stateSchema);
const propertiesRecordFits = fits(stateSchema.shape.properties);
const withProperties = new Map<WidgetType, Fits>();

/** The state schema with `properties` checked as the widget type's too: one pass does both. */
function stateFitsAs(type: WidgetType): Fits {
  let check = withProperties.get(type);
  if (!check) {
    check = fits(stateSchema.extend({ properties: widgetSpecs[type].properties }));
    withProperties.set(type, check);
  }
  return check;
}

/**
 * What the state schema requires of `properties` beyond what a widget type's schema does: a
 * plain object whose keys are strings. Anything read from JSON is one (checked here without
 * zod's copy); anything else is left to the state schema itself.
 */
function propertiesFitRecord(properties: unknown): boolean {
  if (typeof properties !== "object" || properties === null) return false;
  const jsonShaped =
    Object.getPrototypeOf(properties) === Object.prototype &&
    !Object.prototype.hasOwnProperty.call(properties, "constructor") &&
    Object.getOwnPropertySymbols(properties).length === 0;
  return jsonShaped || propertiesRecordFits(properties);
}

function typeOf(state: unknown): unknown {
  return typeof state === "object" && state !== null && "type" in state ? state.type : undefined;
}

/**
 * Whether one state fits what `parseFlowDefinition` requires of it: "with properties" when its
 * known widget type's properties fit too (checked in the same zod pass, so the properties check
 * has nothing left to parse), "fits" when only the state schema is known to hold, undefined when
 * it does not fit (or is a widget of the retired v1 format).
 */
export function stateFit(state: unknown): "with properties" | "fits" | undefined {
  const type = typeOf(state);
  if (
    typeof type === "string" &&
    isWidgetType(type) &&
    stateFitsAs(type)(state) &&
    propertiesFitRecord((state as { properties: unknown }).properties)
  )
    return "with properties";
  return isLegacyV1Type(type) || !stateFits(state) ? undefined : "fits";
}
