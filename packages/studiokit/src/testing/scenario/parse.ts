import type { LoadOptions } from "js-yaml";
import { type z } from "zod";
import { formatPath, maxNestingDepth, nestingMessage, nestingPath } from "../../definition";
import { jsYaml } from "./js-yaml";
import { lineLocator } from "./lines";
import { plainScenarioFile } from "./plain";
import { plainYaml } from "./plain-yaml";
import { scenarioFileSchema, type Scenario, type ScenarioFile } from "./schema";

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
  /** The `flow:` value as written. */
  readonly flow: string;
  /** `subflows:` as written: flow SID → file, relative to the scenario file. */
  readonly subflows: Readonly<Record<string, string>>;
  /** `strict: true`: a message no step expects fails the scenario. */
  readonly strict: boolean;
  readonly scenarios: readonly Scenario[];
  /** 1-based line of a node, e.g. `lineOf(["scenarios", 0, "steps", 2])`; parses positions lazily. */
  readonly lineOf: (path: ReadonlyArray<PropertyKey>) => number;
}

/** `[path to show, message]`: a missing key is reported on the mapping that lacks it. */
function describeIssue(issue: z.core.$ZodIssue): [ReadonlyArray<PropertyKey>, string] {
  const last = issue.path[issue.path.length - 1];
  if (issue.code === "invalid_type" && issue.input === undefined && typeof last === "string")
    return [issue.path.slice(0, -1), `${last} is required`];
  if (issue.code === "invalid_type" && issue.path.length === 0)
    return [[], "expected a mapping with flow and scenarios"];
  return [issue.path, issue.message];
}

/**
 * js-yaml's options: its `maxDepth` (missing from its type declarations) counts a scalar as a
 * level too, so a value at the definition room's limit passes and `nestingPath` reports a deeper
 * one with its path; a far deeper one stops the parser before it recurses that far.
 */
function yamlOptions(file: string): LoadOptions {
  const options: LoadOptions & { maxDepth: number } = {
    schema: jsYaml().CORE_SCHEMA,
    filename: file,
    maxDepth: maxNestingDepth + 2,
  };
  return options;
}

/** The text's value as js-yaml reads it; bad YAML and deep nesting are ScenarioFileErrors. */
function jsYamlValue(text: string, file: string, lineOf: ParsedScenarioFile["lineOf"]): unknown {
  let value: unknown;
  const { load, YAMLException } = jsYaml();
  try {
    value = load(text, yamlOptions(file));
  } catch (error) {
    if (error instanceof YAMLException) {
      // js-yaml counts a line after a missing final newline; name the last real line instead.
      const line = Math.min(error.mark.line + 1, text.split("\n").length);
      const reason = error.reason.startsWith("nesting exceeded maxDepth")
        ? nestingMessage
        : `bad YAML: ${error.reason}`;
      throw new ScenarioFileError(file, line, reason);
    }
    throw error;
  }
  const deep = nestingPath(value);
  if (deep) throw new ScenarioFileError(file, lineOf(deep), `${formatPath(deep)}: ${nestingMessage}`);
  return value;
}

/**
 * Reads a `*.scenarios.yaml` text. Values are read with js-yaml's YAML 1.2 core schema (the
 * same scalars as `yaml`'s default: no timestamps, `yes` is text), which is an order of
 * magnitude faster on big generated files, or by `plainYaml`, faster still, for the YAML it
 * knows (never nested past the limit); line positions come from `yaml`, only when needed.
 */
export function parseScenarioText(text: string, file: string): ParsedScenarioFile {
  const lineOf = lineLocator(text);
  const value = plainYaml(text) ?? jsYamlValue(text, file, lineOf);
  const data = plainScenarioFile(value) ?? checkedFile(value, file, lineOf);
  return {
    file,
    flow: data.flow,
    subflows: data.subflows ?? {},
    strict: data.strict ?? false,
    scenarios: data.scenarios,
    lineOf,
  };
}

/** The schema's data for a file, or its first problem as a ScenarioFileError. */
function checkedFile(value: unknown, file: string, lineOf: ParsedScenarioFile["lineOf"]): ScenarioFile {
  const result = scenarioFileSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    // An unknown key is usually a misspelt one, so it explains a "required" issue beside it.
    const issues = result.error.issues;
    const issue = issues.find((i) => i.code === "unrecognized_keys") ?? issues[0];
    if (!issue) throw new ScenarioFileError(file, undefined, "not a scenario file");
    const at = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
    const [shown, message] = describeIssue(issue);
    const where = shown.length > 0 ? `${formatPath(shown)}: ` : "";
    throw new ScenarioFileError(file, lineOf(at), `${where}${message}`);
  }
  return result.data;
}
