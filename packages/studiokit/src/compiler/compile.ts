import { type FlowDefinition } from "../definition/types";
import { flowNodeOf, isFlow, nodeOf, type Flow, type WidgetLike } from "../builder";
import { formatIssues, validateDefinition, type ValidationIssue } from "../validator";
import { collect } from "./collect";
import { layout } from "./layout";
import { renderState, renderTrigger } from "./render";

const brand = Symbol.for("studiokit.CompileError");

/**
 * The flow cannot compile: `issues` holds every error (and warning) found; the message lists them.
 * `definition` is what it compiled to regardless, for a tool that compares rather than deploys
 * (`studiokit pull --check` on a flow Studio accepted with a Liquid read of a missing widget).
 */
export class CompileError extends Error {
  readonly [brand] = true;
  constructor(
    readonly issues: readonly ValidationIssue[],
    readonly definition?: FlowDefinition,
  ) {
    super(formatIssues(issues));
    this.name = "CompileError";
  }
}

export function isCompileError(value: unknown): value is CompileError {
  return typeof value === "object" && value !== null && brand in value;
}

export interface CompileResult {
  readonly definition: FlowDefinition;
  /** Everything the validator found (warnings included), after compile-time checks. */
  readonly issues: readonly ValidationIssue[];
}

export interface CompileOptions {
  /**
   * Every widget object the flow's module made (`recordWidgets`), so that a reference to one
   * nothing leads to says it exists, rather than that no widget has its name.
   */
  readonly made?: readonly WidgetLike[];
}

/**
 * Compiles without throwing: the canonical definition and every issue. Pure: the same flow gives
 * the same definition. Linear in the number of widgets (apart from the final sort by name).
 */
export function compileWithIssues(flow: Flow, options: CompileOptions = {}): CompileResult {
  if (!isFlow(flow)) throw new TypeError("compile: expected a flow made by flow({...})");
  const node = flowNodeOf(flow);
  const collected = collect(node);
  const placed = layout(collected.order, node.triggerOffset);
  const states = [renderTrigger(node, placed.trigger)];
  for (const i of collected.byName) states.push(renderState(collected, i, placed.offsets[i]!));
  const definition: FlowDefinition = {
    ...(node.description === undefined ? {} : { description: node.description }),
    states,
    initial_state: node.triggerName,
    flags: { allow_concurrent_calls: node.flags.allow_concurrent_calls },
  };
  // Duplicate names make the validator's own findings about them redundant; report ours (both places).
  if (collected.issues.some((issue) => issue.severity === "error"))
    return { definition, issues: collected.issues };
  const leftOut = new Map<string, string>();
  const names = new Set(collected.names);
  for (const node of [...collected.unreached, ...(options.made ?? []).map(nodeOf)])
    if (!collected.reached(node) && !names.has(node.name)) leftOut.set(node.name, node.type);
  const issues = [...collected.issues, ...validateDefinition(definition, { leftOut })];
  return { definition, issues };
}

/** Compiles as `compile` does and also returns what it found (warnings only: errors throw). */
export function compileWithWarnings(flow: Flow, options: CompileOptions = {}): CompileResult {
  const result = compileWithIssues(flow, options);
  if (result.issues.some((i) => i.severity === "error"))
    throw new CompileError(result.issues, result.definition);
  return result;
}

/** Compiles a flow to Studio's flow definition; throws CompileError listing every error found. */
export function compile(flow: Flow): FlowDefinition {
  return compileWithWarnings(flow).definition;
}

/** Canonical JSON text (two-space indented, newline-terminated): byte-identical across runs. */
export function compileToJson(flow: Flow): string {
  return `${JSON.stringify(compile(flow), null, 2)}\n`;
}
