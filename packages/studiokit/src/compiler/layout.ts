import { type Offset } from "../definition/types";

/** Canvas grid: a column per leaf branch, a row per step from the trigger (Studio's widgets are ~280×200). */
export const cell = { width: 320, height: 240 } as const;
const box = { width: 280, height: 200 } as const;

export interface LayoutInput {
  /** Parent index in the breadth-first tree (-1: the trigger). */
  readonly parent: number;
  /** The author's offset, if any. */
  readonly node: { readonly offset: Offset | undefined };
}

/**
 * Tidy-tree layout of the breadth-first spanning tree, in linear time: leaves take consecutive
 * columns left to right in transition order, a parent sits centred over its children, each
 * breadth-first level one row lower. Widgets at one depth own disjoint column ranges, so automatic
 * offsets never overlap; an automatic widget that would overlap an author-placed one moves right.
 */
export function layout(
  nodes: readonly LayoutInput[],
  triggerOffset: Offset | undefined,
): {
  /** The author's trigger offset itself when given. */
  trigger: Offset;
  /** Fresh objects (author offsets copied), `{ x, y }` in that key order: a definition may keep them. */
  offsets: Offset[];
} {
  const n = nodes.length;
  const children: number[][] = Array.from({ length: n + 1 }, () => []);
  // Slot 0 is the trigger; widget i is slot i + 1.
  nodes.forEach((node, i) => children[node.parent + 1]!.push(i + 1));
  const depth = new Array<number>(n + 1).fill(0);
  for (let slot = 1; slot <= n; slot++) depth[slot] = depth[nodes[slot - 1]!.parent + 1]! + 1;

  const column = new Array<number>(n + 1).fill(0);
  let nextLeaf = 0;
  // Pre-order walk (explicit stack: a 10,000-widget chain must not overflow the call stack).
  const post: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const slot = stack.pop()!;
    post.push(slot);
    const kids = children[slot]!;
    if (kids.length === 0) column[slot] = nextLeaf++;
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]!);
  }
  for (let i = post.length - 1; i >= 0; i--) {
    const kids = children[post[i]!]!;
    if (kids.length > 0) column[post[i]!] = (column[kids[0]!]! + column[kids[kids.length - 1]!]!) / 2;
  }

  const origin = triggerOffset ?? { x: 0, y: 0 };
  const shift = column[0]!;
  const place = (slot: number): Offset => ({
    x: origin.x + Math.round((column[slot]! - shift) * cell.width),
    y: origin.y + depth[slot]! * cell.height,
  });
  const trigger = triggerOffset ?? place(0);
  const pinned = nodes.filter((input) => input.node.offset !== undefined);
  // Automatic offsets never overlap one another; only author-placed widgets can be in the way.
  if (pinned.length === 0) return { trigger, offsets: nodes.map((_node, i) => place(i + 1)) };
  const occupied = new Occupancy();
  occupied.add(trigger);
  for (const input of pinned) occupied.add(input.node.offset!);
  const offsets = nodes.map(({ node }, i) => {
    if (node.offset) return { x: node.offset.x, y: node.offset.y };
    const at = place(i + 1);
    while (occupied.overlaps(at)) at.x += cell.width;
    occupied.add(at);
    return at;
  });
  return { trigger, offsets };
}

/** Spatial hash of placed widget boxes; a box is smaller than a cell, so 3×3 cells cover any overlap. */
class Occupancy {
  private readonly cells = new Map<number, Offset[]>();

  /** One number per cell; exact for canvases up to a million cells across. */
  private key(cx: number, cy: number): number {
    return cx * 2_097_152 + cy;
  }

  add(at: Offset): void {
    const k = this.key(Math.floor(at.x / cell.width), Math.floor(at.y / cell.height));
    const list = this.cells.get(k);
    if (list) list.push(at);
    else this.cells.set(k, [at]);
  }

  overlaps(at: Offset): boolean {
    const cx = Math.floor(at.x / cell.width);
    const cy = Math.floor(at.y / cell.height);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const other of this.cells.get(this.key(cx + dx, cy + dy)) ?? [])
          if (Math.abs(other.x - at.x) < box.width && Math.abs(other.y - at.y) < box.height) return true;
    return false;
  }
}
