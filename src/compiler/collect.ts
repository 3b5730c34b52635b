import { isWidgetLike, nodeOf, type FlowNode, type WidgetLike, type WidgetNode } from "../builder";
import { type ValidationIssue } from "../validator";

/** A widget reached from the trigger, with the transition that first reached it. */
export interface Reached {
  readonly widget: WidgetLike;
  readonly node: WidgetNode;
  /** Index in `order` of the widget that first reached this one (-1: the trigger). */
  readonly parent: number;
  readonly via: { readonly from: string; readonly event: string };
}

export interface Collected {
  /** Breadth-first from the trigger, children in transition order: deterministic for one flow. */
  readonly order: readonly Reached[];
  readonly issues: ValidationIssue[];
}

/** Targets of a widget's transitions in the order the compiler writes them (a split's noMatch first). */
export function targetsOf(node: WidgetNode): Array<{ event: string; target: WidgetLike }> {
  const out: Array<{ event: string; target: WidgetLike }> = [];
  for (const event of node.events) {
    const target = node.wiring.get(event);
    if (isWidgetLike(target)) out.push({ event, target });
  }
  for (const match of node.matches)
    if (isWidgetLike(match.target)) out.push({ event: "match", target: match.target });
  return out;
}

const describe = (r: { node: WidgetNode; via: Reached["via"] }) =>
  `a ${r.node.type} first reached from "${r.via.from}" on "${r.via.event}"`;

/**
 * Walks the flow from the trigger. Names are the author's, so two different widget objects with
 * one name, or a widget that leads into the flow but that nothing reaches, can only be found here.
 */
export function collect(flow: FlowNode): Collected {
  const order: Reached[] = [];
  const index = new Map<WidgetNode, number>();
  const byName = new Map<string, Reached | "trigger">([[flow.triggerName, "trigger"]]);
  const issues: ValidationIssue[] = [];
  const visit = (widget: WidgetLike, parent: number, via: Reached["via"]) => {
    const node = nodeOf(widget);
    if (index.has(node)) return;
    const reached: Reached = { widget, node, parent, via };
    const other = byName.get(node.name);
    if (other !== undefined) {
      const first = other === "trigger" ? "the flow's trigger" : describe(other);
      issues.push({
        code: "duplicate-name",
        severity: "error",
        path: "states",
        widget: node.name,
        message: `two widgets are named "${node.name}": ${first}, and ${describe(reached)}; give each widget its own name`,
      });
    } else byName.set(node.name, reached);
    index.set(node, order.length);
    order.push(reached);
  };
  let i = 0;
  const walk = () => {
    for (; i < order.length; i++) {
      const current = order[i]!;
      for (const { event, target } of targetsOf(current.node))
        visit(target, i, { from: current.node.name, event });
    }
  };
  for (const [event, target] of flow.on) visit(target, -1, { from: flow.triggerName, event });
  walk();
  // Detached widgets (and what they lead to) come after everything the trigger reaches.
  for (const widget of flow.detached) visit(widget, -1, { from: "(detached)", event: "detached" });
  walk();
  issues.push(...unreachable(order, index));
  return { order, issues };
}

/** Widgets that point into the flow (directly or through each other) but that no path from the trigger reaches. */
function unreachable(order: readonly Reached[], index: ReadonlyMap<WidgetNode, number>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<WidgetNode>();
  const queue: Array<{ node: WidgetNode; event: string; to: string }> = [];
  const enqueue = (to: WidgetNode) => {
    for (const link of to.incoming) {
      const node = nodeOf(link.from);
      if (!index.has(node) && !seen.has(node)) {
        seen.add(node);
        queue.push({ node, event: link.event, to: to.name });
      }
    }
  };
  for (const r of order) enqueue(r.node);
  for (let i = 0; i < queue.length; i++) {
    const { node, event, to } = queue[i]!;
    issues.push({
      code: "unreachable",
      severity: "error",
      path: "states",
      widget: node.name,
      message: `widget "${node.name}" (${node.type}) is reachable from nowhere: it leads to "${to}" on "${event}", but no transition from the trigger reaches it; wire it from the flow or remove it`,
    });
    enqueue(node);
  }
  return issues;
}
