import { type Severity } from "./issue-types";

/**
 * Every issue the validator and the compiler report, by code: its severity and what it means.
 * One rule decides the severity: an **error** is a flow Studio would refuse, or one that can never
 * run as written; a **warning** is a flow Studio accepts that is probably a bug. `--strict` (and
 * `strict` on StudioFlow) makes warnings fail too. docs/validator.md documents the table with an
 * example message and the fix for each code; a test keeps the two in step.
 */
export const issueCodes = {
  schema: {
    severity: "error",
    description:
      "the flow, a widget, a transition or a condition does not have the shape Studio's JSON requires",
  },
  "initial-state": {
    severity: "error",
    description: "`initial_state` names no widget, or a widget that is not the trigger",
  },
  "too-many-states": { severity: "error", description: "more widgets than Studio accepts in one flow" },
  "too-deep": {
    severity: "error",
    description: "objects and arrays nested deeper than studiokit reads (64 levels); nothing else is checked",
  },
  "duplicate-name": { severity: "error", description: "two widgets share a name" },
  property: {
    severity: "error",
    description: "a property does not fit its widget type (a wrong JSON type, value or key)",
  },
  "empty-property": {
    severity: "warning",
    description: "a property the widget needs is an empty string, so the widget fails when it runs",
  },
  "message-without-content": {
    severity: "error",
    description: "a Send Message or Send & Wait For Reply has no body, no media URL and no content template",
  },
  "subflow-sid-liquid": {
    severity: "error",
    description: "Run Subflow's `flow_sid` holds Liquid; Studio needs the Subflow's SID written out",
  },
  "widget-type-typo": {
    severity: "error",
    description: "the widget type is one or two edits away from a type Studio has: a misspelling",
  },
  "unknown-widget-type": {
    severity: "warning",
    description:
      "a widget type studiokit does not know (a newer Studio widget?); its properties and events go unchecked",
  },
  "illegal-event": { severity: "error", description: "a transition's event is not one the widget type has" },
  "missing-target": { severity: "error", description: "a transition's `next` names no widget of the flow" },
  "match-without-conditions": {
    severity: "error",
    description: "a Split Based On `match` transition has no conditions, so it can never be taken",
  },
  "unexpected-conditions": {
    severity: "error",
    description: "conditions on a transition other than a Split Based On `match`",
  },
  "condition-value-missing": {
    severity: "error",
    description: "a split condition other than is_blank / is_not_blank has no value to compare with",
  },
  "invalid-regex": {
    severity: "warning",
    description: "a `regex` condition does not compile as a case-insensitive JavaScript pattern",
  },
  "liquid-syntax": {
    severity: "error",
    description: "a string does not parse as Liquid, so it can never render",
  },
  "unknown-widget-reference": {
    severity: "warning",
    description: "Liquid reads `widgets.NAME` for a widget the flow does not have; it renders empty",
  },
  "unreached-widget-reference": {
    severity: "warning",
    description:
      "Liquid reads `widgets.NAME` for a widget that exists but that nothing leads to; it renders empty",
  },
  "unknown-liquid-variable": {
    severity: "warning",
    description: "Liquid reads a variable Studio does not provide; it renders empty",
  },
  credential: { severity: "warning", description: "a password, token or key written into the flow" },
  unreachable: {
    severity: "warning",
    description: "no transition leads to the widget from the trigger, so it never runs",
  },
  channel: {
    severity: "warning",
    description:
      "a voice widget reached only where there is no call (message, conversation or REST API starts)",
  },
} as const satisfies Record<string, { readonly severity: Severity; readonly description: string }>;

export type IssueCode = keyof typeof issueCodes;

export const issueCodeList = Object.keys(issueCodes) as [IssueCode, ...IssueCode[]];

/** The severity the one rule gives `code`. */
export function severityOf(code: IssueCode): Severity {
  return issueCodes[code].severity;
}
