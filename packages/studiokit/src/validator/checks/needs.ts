import { hasLiquid } from "../../definition";
import { type State } from "../../definition/types";
import { type FlowIndex } from "../flow-index";
import { type ValidationIssue } from "../issue";

/** Given and not blank (a value of the wrong type is the properties check's business). */
const filled = (value: unknown) =>
  value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "");

/**
 * A message widget sends a body, media or a content template: with none of them there is
 * nothing to send and the widget can only fail (81011). A content template counts when
 * `content_sid` is given (with `message_type: "content_template"`, or without a message type).
 */
function checkMessageContent(flow: FlowIndex, state: State, i: number, issues: ValidationIssue[]): void {
  const p = state.properties;
  const template = filled(p["content_sid"]) && p["message_type"] !== "custom";
  if (filled(p["body"]) || filled(p["media_url"]) || template) return;
  const label = flow.spec(i)?.label ?? state.type;
  issues.push(
    flow.issue(
      i,
      "message-without-content",
      ["properties"],
      `${label} has no "body", no "media_url" and no content template ("content_sid"), so there is nothing to send; give it a body`,
    ),
  );
}

/** Run Subflow's `flow_sid` is read as written: Studio needs the SID there, not Liquid. */
function checkSubflowSid(flow: FlowIndex, state: State, i: number, issues: ValidationIssue[]): void {
  const sid = state.properties["flow_sid"];
  if (typeof sid !== "string" || !hasLiquid(sid)) return;
  issues.push(
    flow.issue(
      i,
      "subflow-sid-liquid",
      ["properties", "flow_sid"],
      `"flow_sid" holds Liquid, but Studio does not render Liquid here and needs the Subflow's SID (FW…) written out; write the SID, and pass values to the Subflow in "parameters"`,
    ),
  );
}

/** What some widget types need beyond their schema to do anything at all. */
export function checkWidgetNeeds(flow: FlowIndex, state: State, i: number, issues: ValidationIssue[]): void {
  switch (state.type) {
    case "send-message":
    case "send-and-wait-for-reply":
      return checkMessageContent(flow, state, i, issues);
    case "run-subflow":
      return checkSubflowSid(flow, state, i, issues);
    default:
      return;
  }
}
