import { parseJsonText } from "../../definition";
import { validateDefinition, type ValidationIssue } from "../../validator";
import { ApiError, codes } from "../errors";
import { type FlowProblem } from "../state";

/** `states[3].properties.timeout` → `#/states/3/properties/timeout` (RFC 6901, as Studio reports). */
export function pathToPointer(path: string): string {
  if (path === "" || path === "(root)") return "#";
  const segments: string[] = [];
  const token = /([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\./gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(path)) !== null) {
    consumed = token.lastIndex;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(match[2]);
    else if (match[3] !== undefined) segments.push(String(JSON.parse(match[3])));
  }
  // A path the pattern cannot read is kept whole rather than guessed at.
  if (consumed !== path.length) segments.splice(0, segments.length, path);
  return "#/" + segments.map((s) => s.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

const toProblem = (issue: ValidationIssue): FlowProblem => ({
  message: issue.widget ? `widget "${issue.widget}": ${issue.message}` : issue.message,
  property_path: pathToPointer(issue.path),
});

export interface CheckedDefinition {
  readonly definition: unknown;
  readonly warnings: FlowProblem[];
}

function failed(errors: FlowProblem[], warnings: FlowProblem[]): ApiError {
  const first = errors[0];
  const summary = first ? `${first.property_path}: ${first.message}` : "invalid";
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return new ApiError(400, codes.flowValidationFailed, `Invalid Flow Definition: ${summary}${more}`, {
    errors,
    warnings,
  });
}

/**
 * Parses the `Definition` form field and runs our validator on it. Problems of severity "error"
 * reject the write with 400/81022 and `details.errors[]` `{message, property_path}` (Studio's
 * layout for failed flow writes; the exact layout is UNCONFIRMED, docs/twilio-rest.md §4).
 * Warnings are kept on the saved revision.
 */
export function checkDefinition(text: string): CheckedDefinition {
  const parsed = parseJsonText(text);
  if (!parsed.ok)
    throw failed(
      [
        parsed.problem
          ? { message: parsed.problem.message, property_path: pathToPointer(parsed.problem.path) }
          : { message: `Definition is not JSON: ${parsed.message}`, property_path: "#" },
      ],
      [],
    );
  const issues = validateDefinition(parsed.value);
  const errors = issues.filter((i) => i.severity === "error").map(toProblem);
  const warnings = issues.filter((i) => i.severity === "warning").map(toProblem);
  if (errors.length > 0) throw failed(errors, warnings);
  return { definition: parsed.value, warnings };
}
