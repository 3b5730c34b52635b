import { isWidgetLike, nodeOf, type FlowNode, type WidgetLike, type WidgetNode } from "../builder";
import { makeIssue, type ValidationIssue } from "../validator";

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
  /** Indices into `order` in Studio's export order of widgets: by name (namesakes in `order`'s order). */
  readonly byName: readonly number[];
  /** `names[i]` is `order[i]`'s name, copied here so that naming a target never reads its widget (see `links`). */
  readonly names: readonly string[];
  /**
   * Where each reached widget's transitions lead, as indices into `order` (-1: unwired): widget
   * i's events in order, then its matches, starting at `links[linkStart[i]]`. The walk reads each
   * target anyway; rendering then reads these instead of the target widgets (on a 10,000-widget
   * flow, each read of another widget's object is likely a cache miss).
   */
  readonly links: readonly number[];
  readonly linkStart: readonly number[];
  readonly issues: ValidationIssue[];
  /** Widgets that lead into the flow but that nothing leads to: left out of the definition. */
  readonly unreached: readonly WidgetNode[];
  /** Whether a node is one of `order`'s (reached in this walk). */
  readonly reached: (node: WidgetNode) => boolean;
}

const describe = (r: Reached) => `a ${r.node.type} first reached from "${r.from}" on "${r.event}"`;

/** Tells the walks apart, so a node's scratch (`walkId`, `walkIndex`) from an earlier walk is ignored. */
let walks = 0;

/**
 * Walks the flow from the trigger. Names are the author's, so two different widget objects with
 * one name, or a widget that leads into the flow but that nothing reaches, can only be found here.
 */
export function collect(flow: FlowNode): Collected {
  const walk = ++walks;
  const order: Reached[] = [];
  const reached = (node: WidgetNode) => node.walkId === walk;
  // Transitions from reached widgets into each reached widget; fewer than its incoming links
  // means something unreached points at it.
  const linkedIn: number[] = [];
  const names: string[] = [];
  const links: number[] = [];
  const linkStart: number[] = [];
  /** Reaches a widget (once) and returns its index in `order`. */
  const visit = (widget: WidgetLike, parent: number, from: string, event: string): number => {
    const node = nodeOf(widget);
    if (reached(node)) {
      if (parent >= 0) linkedIn[node.walkIndex]!++;
      return node.walkIndex;
    }
    linkedIn.push(parent >= 0 ? 1 : 0);
    node.walkId = walk;
    node.walkIndex = order.length;
    order.push({ widget, node, parent, from, event });
    names.push(node.name);
    return node.walkIndex;
  };
  let i = 0;
  // Children in the order the compiler writes transitions: every event, then a split's matches.
  const walkOn = () => {
    for (; i < order.length; i++) {
      const { node } = order[i]!;
      linkStart.push(links.length);
      for (let e = 0; e < node.events.length; e++) {
        const target = node.targets[e];
        links.push(isWidgetLike(target) ? visit(target, i, node.name, node.events[e]!) : -1);
      }
      for (const match of node.matches)
        links.push(isWidgetLike(match.target) ? visit(match.target, i, node.name, "match") : -1);
    }
  };
  for (const [event, target] of flow.on) visit(target, -1, flow.triggerName, event);
  walkOn();
  // Detached widgets (and what they lead to) come after everything the trigger reaches.
  for (const widget of flow.detached) visit(widget, -1, "(detached)", "detached");
  walkOn();
  const byName = sortedByName(names);
  const pointedAt = order.filter((r, k) => linkedIn[k] !== r.node.incoming.length);
  const issues = duplicateNames(order, names, byName, flow.triggerName);
  const unreached = unreachable(pointedAt, reached);
  for (const { node, message } of unreached)
    issues.push(makeIssue("unreachable", "states", message, node.name));
  return { order, byName, names, links, linkStart, issues, unreached: unreached.map((u) => u.node), reached };
}

function sortedByName(names: readonly string[]): number[] {
  return names
    .map((_, k) => k)
    .sort((a, b) => {
      const x = names[a]!;
      const y = names[b]!;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
}

/**
 * Two widgets with one name (or a widget named as the trigger), found as neighbours in name
 * order; each later widget is reported against the first, in the order the walk reached them.
 */
function duplicateNames(
  order: readonly Reached[],
  names: readonly string[],
  byName: readonly number[],
  trigger: string,
): ValidationIssue[] {
  const found: Array<{ later: number; first: string }> = [];
  // Where the current run of one name starts, in `byName`.
  let runStart = 0;
  for (let k = 0; k < byName.length; k++) {
    const later = byName[k]!;
    const name = names[later]!;
    if (k > 0 && names[byName[k - 1]!] !== name) runStart = k;
    if (name === trigger) found.push({ later, first: "the flow's trigger" });
    else if (k > runStart) found.push({ later, first: describe(order[byName[runStart]!]!) });
  }
  return found
    .sort((a, b) => a.later - b.later)
    .map(({ later, first }) => {
      const { node } = order[later]!;
      return makeIssue(
        "duplicate-name",
        "states",
        `two widgets are named "${node.name}": ${first}, and ${describe(order[later]!)}; give each widget its own name`,
        node.name,
      );
    });
}

/**
 * Widgets that point into the flow (directly or through each other) but that no path from the
 * trigger reaches, starting from the reached widgets some of them point at. Studio would keep
 * such a widget and never run it (a warning); the compiler leaves it out.
 */
function unreachable(
  pointedAt: readonly Reached[],
  reached: (node: WidgetNode) => boolean,
): Array<{ node: WidgetNode; message: string }> {
  const found: Array<{ node: WidgetNode; message: string }> = [];
  const seen = new Set<WidgetNode>();
  const queue: Array<{ node: WidgetNode; event: string; to: string }> = [];
  const enqueue = (to: WidgetNode) => {
    for (const link of to.incoming) {
      const node = nodeOf(link.from);
      if (!reached(node) && !seen.has(node)) {
        seen.add(node);
        queue.push({ node, event: link.event, to: to.name });
      }
    }
  };
  for (const r of pointedAt) enqueue(r.node);
  for (let i = 0; i < queue.length; i++) {
    const { node, event, to } = queue[i]!;
    found.push({
      node,
      message: `widget "${node.name}" (${node.type}) is reachable from nowhere: it leads to "${to}" on "${event}", but no transition from the trigger reaches it, so it is left out of the compiled flow; wire it from the flow or remove it`,
    });
    enqueue(node);
  }
  return found;
}
