import { parseFlowDefinition, type FlowDefinition } from "../definition";
import { type ValidationIssue } from "./issue";

/** Checks any definition (compiled or exported from the console) and returns every issue found. */
export function validateDefinition(input: unknown): ValidationIssue[] {
  const parsed = parseFlowDefinition(input);
  if (!parsed.ok) {
    return parsed.problems.map((p) => ({
      code: "schema",
      severity: "error",
      path: p.path,
      message: p.message,
    }));
  }
  return checkDefinition(parsed.value);
}

function checkDefinition(_definition: FlowDefinition): ValidationIssue[] {
  return [];
}
