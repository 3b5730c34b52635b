import { canonicalDefinition, type FlowDefinition, type State } from "../definition";
import { edgeLabel, widgetDetail } from "./text";
import { flowSummary } from "./summary";

/**
 * The defaults of mermaid's `maxTextSize` and `maxEdges` (mermaid config schema), which GitHub
 * keeps when it renders ```mermaid blocks: a longer text or more edges shows an error box.
 */
export const githubMermaidLimits = { maxTextSize: 50_000, maxEdges: 500 } as const;

/** How a diff styles a widget in the diagram. */
export type WidgetMark = "added" | "changed" | "removed";

export interface DiagramOptions {
  /** Widgets to style, by name. */
  readonly marks?: ReadonlyMap<string, WidgetMark>;
  /** Widgets drawn in addition to the flow's own (a diff's removed ones), with dotted edges. */
  readonly ghosts?: readonly State[];
  readonly limits?: { readonly maxTextSize: number; readonly maxEdges: number };
}

/** A Mermaid flowchart, or, for a flow beyond the limits, a Markdown summary saying why. */
export type Diagram =
  | { readonly kind: "mermaid"; readonly text: string }
  | { readonly kind: "summary"; readonly reason: string; readonly text: string };

const classDefs: Record<WidgetMark | "missing", string> = {
  added: "fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
  changed: "fill:#fff8c5,stroke:#9a6700,color:#1f2328",
  removed: "fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-dasharray:5 3",
  missing: "fill:#f6f8fa,stroke:#cf222e,color:#cf222e,stroke-dasharray:2 2",
};

/** Words mermaid's flowchart grammar reserves; a widget so named gets another node id. */
const reservedIds = new Set([
  "end",
  "graph",
  "flowchart",
  "subgraph",
  "style",
  "classdef",
  "class",
  "click",
  "linkstyle",
  "direction",
  "default",
  "call",
  "href",
  "interpolate",
  "acctitle",
  "accdescr",
]);

/**
 * Text inside a quoted mermaid label: `"` would end it, `#…;` is mermaid's entity syntax and
 * `<`/`>`/`&` would be read as HTML, so each becomes an entity; a backtick would start a
 * Markdown string.
 */
export function escapeMermaidText(text: string): string {
  return text.replace(/[#"<>&`]/g, (c) => `#${c.codePointAt(0)};`);
}

/** Node ids: the widget's name where mermaid accepts it as is, otherwise a safe, unique form. */
function nodeIds(names: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const name of names) {
    let id = name;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name) || reservedIds.has(name.toLowerCase())) {
      const base = `w_${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
      id = base;
      for (let n = 2; used.has(id) || names.includes(id); n += 1) id = `${base}_${n}`;
    }
    used.add(id);
    ids.set(name, id);
  }
  return ids;
}

function nodeLine(id: string, state: State): string {
  const lines = [state.name, state.type];
  const detail = widgetDetail(state);
  if (detail !== undefined) lines.push(detail);
  const label = `"${lines.map(escapeMermaidText).join("<br/>")}"`;
  if (state.type === "trigger") return `  ${id}([${label}])`;
  if (state.type === "split-based-on") return `  ${id}{${label}}`;
  return `  ${id}[${label}]`;
}

/**
 * A Mermaid flowchart of a flow: one node per widget (name, type, and the text it sends or says),
 * one edge per wired transition, labelled with its event and, for a split's `match`, the
 * condition. Transitions to a widget that does not exist point at a node marked missing.
 */
export function flowDiagram(definition: FlowDefinition, options: DiagramOptions = {}): Diagram {
  const limits = options.limits ?? githubMermaidLimits;
  const states = canonicalDefinition(definition).states;
  const ghosts = options.ghosts ?? [];
  const known = new Set([...states, ...ghosts].map((s) => s.name));
  const missing = [...states, ...ghosts]
    .flatMap((s) => s.transitions.map((t) => t.next))
    .filter((next): next is string => next !== undefined && next !== "" && !known.has(next))
    .filter((next, i, all) => all.indexOf(next) === i);
  const ids = nodeIds([...states, ...ghosts].map((s) => s.name).concat(missing));
  const id = (name: string) => ids.get(name) ?? name;

  const lines = ["flowchart TD"];
  for (const state of [...states, ...ghosts]) lines.push(nodeLine(id(state.name), state));
  for (const name of missing) {
    lines.push(`  ${id(name)}["${escapeMermaidText(name)}<br/>(missing widget)"]`);
  }
  let edges = 0;
  const ghostNames = new Set(ghosts.map((g) => g.name));
  for (const state of [...states, ...ghosts]) {
    const arrow = ghostNames.has(state.name) ? "-.->" : "-->";
    for (const transition of state.transitions) {
      if (transition.next === undefined || transition.next === "") continue;
      const label = escapeMermaidText(edgeLabel(transition));
      lines.push(`  ${id(state.name)} ${arrow}|"${label}"| ${id(transition.next)}`);
      edges += 1;
    }
  }
  const classes = new Map<WidgetMark | "missing", string[]>();
  for (const [name, mark] of options.marks ?? []) {
    if (known.has(name)) classes.set(mark, [...(classes.get(mark) ?? []), id(name)]);
  }
  if (missing.length > 0) classes.set("missing", missing.map(id));
  for (const [mark, members] of [...classes].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`  classDef ${mark} ${classDefs[mark]}`, `  class ${members.join(",")} ${mark}`);
  }
  const text = `${lines.join("\n")}\n`;

  const tooMany = edges > limits.maxEdges;
  const tooLong = text.length > limits.maxTextSize;
  if (!tooMany && !tooLong) return { kind: "mermaid", text };
  const reason = tooMany
    ? `the flow has ${edges} wired transitions; GitHub draws at most ${limits.maxEdges} edges in a Mermaid diagram`
    : `its Mermaid text would be ${text.length} characters; GitHub renders at most ${limits.maxTextSize}`;
  return { kind: "summary", reason, text: flowSummary(definition, reason) };
}
