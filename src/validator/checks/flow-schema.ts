import { flowDefinitionSchema, formatPath, problemsFromZod, type ParseProblem } from "../../definition";
import { type ValidationIssue } from "../issue";
import { describeZodIssue } from "../zod-messages";

function widgetAt(input: unknown, index: number | undefined): string | undefined {
  if (index === undefined) return undefined;
  if (typeof input !== "object" || input === null || !("states" in input) || !Array.isArray(input.states))
    return undefined;
  const state: unknown = input.states[index];
  if (typeof state !== "object" || state === null || !("name" in state)) return undefined;
  return typeof state.name === "string" ? state.name : undefined;
}

function labelOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "the flow definition";
  const last = path[path.length - 1];
  return typeof last === "number" ? `item ${formatPath(path)}` : `"${String(last)}"`;
}

/**
 * The issues of a definition that does not fit the flow schema (top level, states, transitions,
 * conditions). Nothing else is checked then: the other checks need the structure. zod's issues
 * are reworded for flow authors; problems the definition room found itself (the legacy v1
 * format) keep its words.
 */
export function flowSchemaIssues(input: unknown, problems: readonly ParseProblem[]): ValidationIssue[] {
  const result = flowDefinitionSchema.safeParse(input);
  const reworded =
    !result.success && sameProblems(problemsFromZod(result.error), problems)
      ? result.error.issues.map((issue) => ({
          path: formatPath(issue.path),
          message: describeZodIssue(issue, input, labelOf(issue.path)),
        }))
      : problems;
  return reworded.map(({ path, message }) => {
    const code = path.startsWith("initial_state") ? "initial-state" : "schema";
    const widget = widgetAt(input, statePathOf(path));
    const base = { code, severity: "error" as const, path };
    return widget === undefined ? { ...base, message } : { ...base, widget, message };
  });
}

function statePathOf(path: string): number | undefined {
  const match = /^states\[(\d+)\]/.exec(path);
  return match ? Number(match[1]) : undefined;
}

function sameProblems(a: readonly ParseProblem[], b: readonly ParseProblem[]): boolean {
  return a.length === b.length && a.every((p, i) => p.path === b[i]?.path && p.message === b[i]?.message);
}
