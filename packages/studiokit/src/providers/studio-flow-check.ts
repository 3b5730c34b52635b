import type * as pulumi from "@pulumi/pulumi";
import type { FlowDefinition } from "../definition";
import { failingIssues, type ValidationIssue } from "../validator";
import { toCallError } from "./runtime/errors";
import { type TwilioClient } from "./runtime/client";
import { retrying } from "./runtime/retry";

type Failure = pulumi.dynamic.CheckFailure;

/** The widget a path points into, by name: `states[3].properties.body` or `#/states/3/properties/body`. */
function widgetAt(path: string, definition: unknown): string | undefined {
  const match = /^(?:#\/)?states(?:\[(\d+)\]|\/(\d+))/.exec(path);
  const index = match?.[1] ?? match?.[2];
  if (index === undefined || typeof definition !== "object" || definition === null) return undefined;
  const states = (definition as { states?: unknown }).states;
  const state = Array.isArray(states) ? (states[Number(index)] as { name?: unknown } | undefined) : undefined;
  return typeof state?.name === "string" ? state.name : undefined;
}

/**
 * studiokit's validator errors as check failures, each naming its widget; warnings fail too when
 * `strict` (StudioFlow's `strict`), and say they are warnings.
 */
export function validatorFailures(
  issues: readonly ValidationIssue[],
  definition: unknown,
  strict = false,
): Failure[] {
  return failingIssues(issues, { strict }).map((issue) => {
    const widget = issue.widget ?? widgetAt(issue.path, definition);
    const where = widget !== undefined ? `widget "${widget}" (${issue.path})` : issue.path;
    const kind = issue.severity === "warning" ? "warning (strict): " : "";
    return { property: "definition", reason: `${where}: ${kind}${issue.message}` };
  });
}

function text(value: unknown, ...keys: string[]): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === "string" && v) return v;
  }
  return undefined;
}

/**
 * Twilio's own FlowValidate (`studiokit:validateWithTwilio`): a rejected definition comes back as
 * error 81022 with the problems under `details.errors` (layout UNCONFIRMED, docs/twilio-rest.md §4;
 * each item is read for a message, a path and a widget name where present).
 */
export async function twilioCheckFailures(
  client: TwilioClient,
  inputs: { friendlyName: string; status: "draft" | "published" },
  definition: FlowDefinition,
): Promise<Failure[]> {
  try {
    await retrying("Twilio FlowValidate", () =>
      client.studio.v2.flowValidate.update({
        friendlyName: inputs.friendlyName,
        status: inputs.status,
        definition,
      }),
    );
    return [];
  } catch (thrown) {
    const error = toCallError(thrown, "Twilio FlowValidate");
    const problems = (error.details as { errors?: unknown } | undefined)?.errors;
    if (error.code !== 81022 || !Array.isArray(problems) || problems.length === 0) {
      return [{ property: "definition", reason: error.message }];
    }
    return problems.map((problem) => {
      const path = text(problem, "property_path", "path") ?? "";
      const message = text(problem, "message") ?? JSON.stringify(problem);
      // A message that already names its widget (as studiokit's local Twilio writes them) keeps it.
      const named = message.startsWith('widget "');
      const widget = named
        ? undefined
        : (text(problem, "widget", "widget_name") ?? widgetAt(path, definition));
      const where =
        widget !== undefined ? `widget "${widget}"${path ? ` (${path})` : ""}` : path || "definition";
      return { property: "definition", reason: `Twilio FlowValidate: ${where}: ${message}` };
    });
  }
}
