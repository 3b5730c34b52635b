import { formatTypeIssue, isTypeScriptFlow, typecheckFlowFiles, type TypeIssue } from "../compiler";

/*
 * The type check as the commands run it: on every TypeScript flow module they are given, unless
 * `--no-typecheck`. Type errors are errors: a module with any is not loaded.
 */

/** The type errors of each file (none for a .json file, or with `--no-typecheck`). */
export function typeErrors(
  files: readonly string[],
  cwd: string,
  enabled: boolean,
): ReadonlyMap<string, readonly TypeIssue[]> {
  const modules = enabled ? files.filter(isTypeScriptFlow) : [];
  return modules.length === 0 ? new Map() : typecheckFlowFiles(modules, { cwd });
}

/** One line per type error, as tsc prints them (no trailing newline). */
export const formatTypeErrors = (issues: readonly TypeIssue[], cwd: string): string =>
  issues.map((issue) => formatTypeIssue(issue, cwd)).join("\n");

/** The first type error on one line, and how many more there are. */
export function firstTypeError(file: string, issues: readonly TypeIssue[], cwd: string): string {
  const [first] = issues;
  if (first === undefined) return "";
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more type errors; studiokit validate ${file} lists them)`
      : "";
  return `${formatTypeIssue(first, cwd)}${more}`;
}
