import { type z } from "zod";
import { isSecretName } from "./secrets";
import { didYouMean } from "./suggest";

type Issue = z.core.$ZodIssue;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** `string "abc"`, `number 3600`, `a list`… — never the text of a secret-named value. */
function describe(value: unknown, secret: boolean): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (secret) return `${typeof value} (value hidden)`;
  if (typeof value === "string")
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

const articles: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false (a JSON boolean)",
  array: "a list",
  object: "an object",
};

function typeMismatch(expected: string, value: unknown, got: string, studioTyped: boolean): string {
  if (!studioTyped) return `must be ${articles[expected] ?? expected}; got ${got}`;
  if (expected === "string" && (typeof value === "number" || typeof value === "boolean")) {
    const kind = typeof value === "number" ? "numbers" : "booleans";
    return `must be a string such as ${JSON.stringify(String(value))} (Studio writes ${kind} as strings here); got ${got}`;
  }
  if (
    (expected === "number" || expected === "int") &&
    typeof value === "string" &&
    /^\s*-?\d+(\.\d+)?\s*$/.test(value)
  ) {
    return `must be a JSON number such as ${Number(value)}, not a string (Studio writes a number here); got ${got}`;
  }
  if (expected === "boolean" && (value === "true" || value === "false")) {
    return `must be ${value} without quotes (Studio writes a JSON boolean here); got ${got}`;
  }
  return `must be ${articles[expected] ?? expected}; got ${got}`;
}

function expectedOfUnion(issue: Extract<Issue, { code: "invalid_union" }>): string {
  const kinds = issue.errors.flatMap((branch) =>
    branch.flatMap((i) => (i.code === "invalid_type" ? [articles[i.expected] ?? i.expected] : [])),
  );
  return [...new Set(kinds)].join(" or ") || "one of the accepted forms";
}

function sizeMessage(origin: string, bound: "at least" | "at most", limit: number | bigint): string {
  if (origin === "array") return `must have ${bound} ${limit} item${limit === 1 ? "" : "s"}`;
  if (origin === "string")
    return bound === "at least" && limit === 1
      ? "must not be empty"
      : `must be ${bound} ${limit} characters long`;
  return `must be ${bound} ${limit}`;
}

/**
 * A zod issue in words a flow author understands. `label` names the offending place
 * (`"timeout"`), `root` is the object zod checked (to quote the received value). For widget
 * properties, `owner` names the widget type (`Make HTTP Request`) and the message explains
 * Studio's JSON typing quirks (numbers written as strings and the reverse).
 */
export function describeZodIssue(issue: Issue, root: unknown, label: string, owner?: string): string {
  const value = valueAt(root, issue.path);
  const last = issue.path[issue.path.length - 1];
  const got = describe(value, typeof last === "string" && isSecretName(last));
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return `${label} is required${owner ? ` by ${owner}` : ""}`;
      return `${label} ${typeMismatch(issue.expected, value, got, owner !== undefined)}`;
    case "invalid_value": {
      const options = issue.values.map((v) => JSON.stringify(v));
      const hint = typeof value === "string" ? didYouMean(value, issue.values.map(String)) : "";
      const expected =
        options.length === 1 ? `must be ${options[0]}` : `must be one of ${options.join(", ")}`;
      return `${label} ${expected}; got ${got}${hint}`;
    }
    case "invalid_format":
      // The definition room words its own formats ("a number written as a string, such as …").
      return issue.message.startsWith("Invalid")
        ? `${label} has the wrong format (${issue.message}); got ${got}`
        : `${label} must be ${issue.message}; got ${got}`;
    case "invalid_union":
      return `${label} must be ${expectedOfUnion(issue)}; got ${got}`;
    case "too_small":
      return `${label} ${sizeMessage(issue.origin, "at least", issue.minimum)}; got ${got}`;
    case "too_big":
      return `${label} ${sizeMessage(issue.origin, "at most", issue.maximum)}; got ${got}`;
    default:
      return `${label}: ${issue.message}`;
  }
}
