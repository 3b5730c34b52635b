import { type z } from "zod";
import { flowDefinitionSchema, stateSchema } from "./flow";
import { type FlowDefinition, type State } from "./types";

/** A problem found while reading a definition, located by a JSON path such as `states[3].properties.timeout`. */
export interface ParseProblem {
  readonly path: string;
  readonly message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: ParseProblem[] };

/** Renders a zod path as `states[3].properties.timeout`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_$][\w$]*$/.test(segment))
      out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out || "(root)";
}

function problemsFromZod(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): ParseProblem[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}

/** Widget types of Studio's retired v1 flow format (2018), which v2 does not accept. */
const legacyV1Types = new Set([
  "InitialState",
  "SetVariables",
  "Branch",
  "Message",
  "Function",
  "Gather",
  "Say",
  "Dial",
]);

/** A widget type of Studio's retired v1 format, which `parseFlowDefinition` reports as such. */
export function isLegacyV1Type(type: unknown): type is string {
  // Only a string can be a type name; String() of arbitrary JSON-ish input may itself throw.
  return typeof type === "string" && legacyV1Types.has(type);
}

/** Where a definition holds a widget of the retired v1 format (the first one), and what to do. */
export function legacyV1Problem(value: unknown): ParseProblem | undefined {
  if (typeof value !== "object" || value === null || !("states" in value) || !Array.isArray(value.states))
    return undefined;
  const index = value.states.findIndex(
    (s: unknown) => typeof s === "object" && s !== null && "type" in s && isLegacyV1Type(s.type),
  );
  if (index < 0) return undefined;
  const type = (value.states[index] as { type: string }).type;
  return {
    path: `states[${index}].type`,
    message: `"${type}" is a widget of Studio's retired v1 flow format; studiokit reads v2 definitions. Re-create the flow in the Studio console (v2) and export it from there.`,
  };
}

/** Parses a whole flow definition (already JSON-decoded). Unknown keys are kept. */
export function parseFlowDefinition(value: unknown): ParseResult<FlowDefinition> {
  const legacy = legacyV1Problem(value);
  if (legacy) return { ok: false, problems: [legacy] };
  const result = flowDefinitionSchema.safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: problemsFromZod(result.error) };
}

/** Parses one widget (state) object, as in the single-widget fixtures. */
export function parseState(value: unknown): ParseResult<State> {
  const result = stateSchema.safeParse(value);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: problemsFromZod(result.error) };
}
