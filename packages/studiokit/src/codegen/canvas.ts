import { type FlowDefinition, type State } from "../definition";
import { edgeLabel, widgetDetail } from "./text";

/*
 * A flow as Studio's canvas draws it: one card per widget at the position the console (or the
 * compiler's layout) gave it, one arrow per wired transition. Plain data, drawn by the
 * `studiokit dev` page; the Mermaid text (mermaid.ts) is for places that render Mermaid.
 */

export interface CanvasNode {
  readonly name: string;
  readonly type: string;
  /** What it sends or says, or what a split reads; absent for other widgets. */
  readonly detail?: string;
  readonly x: number;
  readonly y: number;
}

export interface CanvasEdge {
  readonly from: string;
  readonly to: string;
  readonly event: string;
  /** Index in the widget's `transitions`: tells a split's `match` transitions apart in a step. */
  readonly index: number;
  readonly label: string;
}

export interface FlowCanvas {
  readonly nodes: readonly CanvasNode[];
  readonly edges: readonly CanvasEdge[];
  /** Every card is this size; positions are their top-left corners. */
  readonly card: { readonly width: number; readonly height: number };
  readonly width: number;
  readonly height: number;
}

const card = { width: 220, height: 72 } as const;
const gap = { x: 60, y: 70 } as const;

const offsetOf = (state: State) => {
  const offset = (state.properties as { offset?: { x?: unknown; y?: unknown } }).offset;
  return typeof offset?.x === "number" && typeof offset.y === "number"
    ? { x: offset.x, y: offset.y }
    : undefined;
};

/** True when the flow's own offsets place every card apart: the picture its author sees. */
function offsetsUsable(states: readonly State[]): boolean {
  const points = states.map(offsetOf);
  if (points.some((p) => p === undefined)) return false;
  const placed = points as { x: number; y: number }[];
  for (let i = 0; i < placed.length; i++)
    for (let j = i + 1; j < placed.length; j++)
      if (
        Math.abs(placed[i]!.x - placed[j]!.x) < card.width &&
        Math.abs(placed[i]!.y - placed[j]!.y) < card.height
      )
        return false;
  return true;
}

/** Rows by distance from the initial state (unreachable widgets last), in definition order within a row. */
function layered(definition: FlowDefinition): Map<string, { x: number; y: number }> {
  const byName = new Map(definition.states.map((s) => [s.name, s]));
  const depth = new Map<string, number>([[definition.initial_state, 0]]);
  const queue = [definition.initial_state];
  for (let head = 0; head < queue.length; head++) {
    const name = queue[head]!;
    for (const t of byName.get(name)?.transitions ?? [])
      if (t.next !== undefined && byName.has(t.next) && !depth.has(t.next)) {
        depth.set(t.next, depth.get(name)! + 1);
        queue.push(t.next);
      }
  }
  const last = Math.max(0, ...depth.values()) + 1;
  const rows = new Map<number, string[]>();
  for (const state of definition.states) {
    const row = depth.get(state.name) ?? last;
    rows.set(row, [...(rows.get(row) ?? []), state.name]);
  }
  const positions = new Map<string, { x: number; y: number }>();
  for (const [row, names] of rows)
    names.forEach((name, column) =>
      positions.set(name, { x: column * (card.width + gap.x), y: row * (card.height + gap.y) }),
    );
  return positions;
}

/** The canvas of a flow, moved so the top-left card sits at (0, 0). */
export function flowCanvas(definition: FlowDefinition): FlowCanvas {
  const states = definition.states;
  const fallback = offsetsUsable(states) ? undefined : layered(definition);
  const raw = states.map((state) => {
    const at = fallback?.get(state.name) ?? offsetOf(state)!;
    const detail = widgetDetail(state);
    return { name: state.name, type: state.type, ...(detail !== undefined ? { detail } : {}), ...at };
  });
  const minX = Math.min(0, ...raw.map((n) => n.x));
  const minY = Math.min(0, ...raw.map((n) => n.y));
  const nodes = raw.map((n) => ({ ...n, x: n.x - minX, y: n.y - minY }));
  const known = new Set(states.map((s) => s.name));
  const edges = states.flatMap((state) =>
    state.transitions.flatMap((t, index) =>
      t.next !== undefined && known.has(t.next)
        ? [{ from: state.name, to: t.next, event: t.event, index, label: edgeLabel(t) }]
        : [],
    ),
  );
  return {
    nodes,
    edges,
    card,
    width: Math.max(card.width, ...nodes.map((n) => n.x + card.width)),
    height: Math.max(card.height, ...nodes.map((n) => n.y + card.height)),
  };
}
