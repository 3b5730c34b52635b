import { isWidgetLike, nodeOf, type FlowNode, type WidgetLike, type WidgetNode } from "../builder";
import { type ValidationIssue } from "../validator";

/** A widget reached from the trigger, with the transition that first reached it. */
export interface Reached {
  readonly widget: WidgetLike;
  readonly node: WidgetNode;
  /** Index in `order` of the widget that first reached this one (-1: the trigger). */
  readonly parent: number;
  /** The name of the widget (or trigger) and the event that first reached this one. */
  readonly from: string;
  readonly event: string;
}

export interface Collected {
  /** Breadth-first from the trigger, children in transition order: deterministic for one flow. */
  readonly order: readonly Reached[];
  readonly issues: ValidationIssue[];
}

const describe = (r: Reached) => `a ${r.node.type} first reached from "${r.from}" on "${r.event}"`;

/**
 * Walks the flow from the trigger. Names are the author's, so two different widget objects with
 * one name, or a widget that leads into the flow but that nothing reaches, can only be found here.
 */
export function collect(flow: FlowNode): Collected {
  const order: Reached[] = [];
  const index = new Map<WidgetNode, number>();
  const byName = new Map<string, Reached | "trigger">([[flow.triggerName, "trigger"]]);
  const issues: ValidationIssue[] = [];
  // Transitions from reached widgets into each reached widget; fewer than its incoming links
  // means something unreached points at it.
  const linkedIn: number[] = [];
  const visit = (widget: WidgetLike, parent: number, from: string, event: string) => {
    const node = nodeOf(widget);
    const known = index.get(node);
    if (known !== undefined) {
      if (parent >= 0) linkedIn[known]!++;
      return;
    }
    linkedIn.push(parent >= 0 ? 1 : 0);
    const reached: Reached = { widget, node, parent, from, event };
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
  // Children in the order the compiler writes transitions: every event, then a split's matches.
  const walk = () => {
    for (; i < order.length; i++) {
      const { node } = order[i]!;
      node.events.forEach((event, e) => {
        const target = node.targets[e];
        if (isWidgetLike(target)) visit(target, i, node.name, event);
      });
      for (const match of node.matches)
        if (isWidgetLike(match.target)) visit(match.target, i, node.name, "match");
    }
  };
  for (const [event, target] of flow.on) visit(target, -1, flow.triggerName, event);
  walk();
  // Detached widgets (and what they lead to) come after everything the trigger reaches.
  for (const widget of flow.detached) visit(widget, -1, "(detached)", "detached");
  walk();
  const pointedAt = order.filter((r, k) => linkedIn[k] !== r.node.incoming.length);
  issues.push(...unreachable(pointedAt, index));
  return { order, issues };
}

/**
 * Widgets that point into the flow (directly or through each other) but that no path from the
 * trigger reaches, starting from the reached widgets some of them point at.
 */
function unreachable(
  pointedAt: readonly Reached[],
  index: ReadonlyMap<WidgetNode, number>,
): ValidationIssue[] {
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
  for (const r of pointedAt) enqueue(r.node);
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
