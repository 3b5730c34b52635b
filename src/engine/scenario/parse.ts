import { CORE_SCHEMA, load, YAMLException } from "js-yaml";
import { type z } from "zod";
import { formatPath } from "../../definition";
import { lineLocator } from "./lines";
import { scenarioFileSchema, type Scenario } from "./schema";

/** Unusable scenario file: one line naming the file and the line, `file:12: path: what to fix`. */
export class ScenarioFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(line === undefined ? `${file}: ${detail}` : `${file}:${line}: ${detail}`);
    this.name = "ScenarioFileError";
  }
}

export interface ParsedScenarioFile {
  /** The file's name as the user gave it (used in every message). */
  readonly file: string;
  /** The `flow:` value as written, and the line it is on. */
  readonly flow: string;
  readonly flowLine: number;
  readonly scenarios: readonly Scenario[];
  /** 1-based line of a node, e.g. `lineOf(["scenarios", 0, "steps", 2])`; parses positions lazily. */
  readonly lineOf: (path: ReadonlyArray<PropertyKey>) => number;
}

function issueText(issue: z.core.$ZodIssue): string {
  const last = issue.path[issue.path.length - 1];
  if (issue.code === "invalid_type" && issue.input === undefined && typeof last === "string")
    return `${last} is required`;
  if (issue.code === "invalid_type" && issue.path.length === 0)
    return "expected a mapping with flow and scenarios";
  return issue.message;
}

/**
 * Reads a `*.scenarios.yaml` text. Values are read with js-yaml's YAML 1.2 core schema (the
 * same scalars as `yaml`'s default: no timestamps, `yes` is text), which is an order of
 * magnitude faster on big generated files; line positions come from `yaml`, only when needed.
 */
export function parseScenarioText(text: string, file: string): ParsedScenarioFile {
  let value: unknown;
  try {
    value = load(text, { schema: CORE_SCHEMA, filename: file });
  } catch (error) {
    if (error instanceof YAMLException)
      throw new ScenarioFileError(file, error.mark.line + 1, `bad YAML: ${error.reason}`);
    throw error;
  }
  const lineOf = lineLocator(text);
  const result = scenarioFileSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0];
    if (!issue) throw new ScenarioFileError(file, undefined, "not a scenario file");
    const at = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
    const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : "";
    throw new ScenarioFileError(file, lineOf(at), `${where}${issueText(issue)}`);
  }
  return {
    file,
    flow: result.data.flow,
    flowLine: lineOf(["flow"]),
    scenarios: result.data.scenarios,
    lineOf,
  };
}
