import { type FlowDefinition, type Offset, type State } from "../definition";
import { diffDefinitions, isEmptyDiff, type FlowDiff, type ValueChange } from "./diff";
import { code, plain, table } from "./markdown";
import { flowDiagram, type Diagram, type WidgetMark } from "./mermaid";
import { shorten, shortenPair, widgetText } from "./text";

/** Longest value shown in a before/after cell. */
const cellWidth = 80;

function valueText(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.replace(/\r?\n/g, "↵");
}

function cells(change: ValueChange): [string, string] {
  if (change.before === undefined) return ["(none)", code(shorten(valueText(change.after), cellWidth))];
  if (change.after === undefined) return [code(shorten(valueText(change.before), cellWidth)), "(none)"];
  const [before, after] = shortenPair(valueText(change.before), valueText(change.after), cellWidth);
  return [code(before), code(after)];
}

const target = (next: string | undefined) =>
  next === undefined ? "(not listed)" : next === "(end)" ? "(end)" : code(next);

function widgetLine(state: State): string {
  const text = widgetText(state);
  const wired = state.transitions
    .filter((t) => t.next !== undefined && t.next !== "")
    .map((t) => `${t.event === "match" ? "match" : t.event} → ${code(t.next ?? "")}`);
  return [
    `- ${code(state.name)} (${state.type})`,
    text !== undefined ? ` ${code(shorten(text, 60))}` : "",
    wired.length > 0 ? `: ${wired.join(", ")}` : "",
  ].join("");
}

const point = (offset: Offset | undefined) => (offset ? `(${offset.x}, ${offset.y})` : "(none)");

function counts(diff: FlowDiff): string {
  const parts = [
    [diff.added.length, "added"],
    [diff.removed.length, "removed"],
    [diff.renamed.length, "renamed"],
    [diff.changed.length, "changed"],
    [diff.moved.length, "moved (layout only)"],
  ] as const;
  const widgets = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  const flow = diff.flow.length > 0 ? [`flow settings changed`] : [];
  return `**Widgets:** ${[...widgets, ...flow].join(" · ") || "none changed"}`;
}

/** A widget-keyed Markdown summary of a diff; formatting and order never appear in it. */
export function diffMarkdown(diff: FlowDiff): string {
  if (isEmptyDiff(diff)) return "No changes (formatting and widget order aside).\n";
  const out: string[] = [counts(diff), ""];
  if (diff.flow.length > 0) {
    out.push(
      "### Flow",
      "",
      ...table(
        ["key", "before", "after"],
        diff.flow.map((c) => [code(c.key), ...cells(c)]),
      ),
      "",
    );
  }
  if (diff.added.length > 0) out.push("### Added", "", ...diff.added.map(widgetLine), "");
  if (diff.removed.length > 0) out.push("### Removed", "", ...diff.removed.map(widgetLine), "");
  if (diff.renamed.length > 0) {
    out.push(
      "### Renamed",
      "",
      ...diff.renamed.map((r) => `- ${code(r.from)} → ${code(r.to)} (${r.type})`),
      "",
    );
  }
  if (diff.changed.length > 0) out.push("### Changed", "");
  for (const change of diff.changed) {
    out.push(`#### ${code(change.name)} (${change.type})`, "");
    if (change.previousType !== undefined) {
      out.push(`Type: ${plain(change.previousType)} → ${plain(change.type)}`, "");
    }
    if (change.properties.length > 0) {
      const rows = change.properties.map((c) => [code(c.key), ...cells(c)]);
      out.push(...table(["property", "before", "after"], rows), "");
    }
    if (change.transitions.length > 0) {
      const rows = change.transitions.map((t) => [code(t.label), target(t.before), target(t.after)]);
      out.push(...table(["transition", "before", "after"], rows), "");
    }
  }
  if (diff.moved.length > 0) {
    out.push(
      "### Layout only",
      "",
      ...diff.moved.map((m) => `- ${code(m.name)}: ${point(m.before)} → ${point(m.after)}`),
      "",
    );
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** The diagram of the new definition with the diff's widgets styled; removed ones drawn dotted. */
export function diffDiagram(diff: FlowDiff, after: FlowDefinition): Diagram {
  const marks = new Map<string, WidgetMark>();
  for (const state of diff.added) marks.set(state.name, "added");
  for (const change of diff.changed) marks.set(change.name, "changed");
  for (const rename of diff.renamed) marks.set(rename.to, "changed");
  for (const state of diff.removed) marks.set(state.name, "removed");
  return flowDiagram(after, { marks, ghosts: diff.removed });
}

/** `diffMarkdown` of two definitions, with the styled diagram in a fenced block if asked. */
export function flowDiffMarkdown(before: FlowDefinition, after: FlowDefinition, mermaid = false): string {
  const diff = diffDefinitions(before, after);
  const text = diffMarkdown(diff);
  if (!mermaid) return text;
  const diagram = diffDiagram(diff, after);
  return `${text}\n${diagramMarkdown(diagram)}`;
}

/** A diagram as Markdown: a ```mermaid block, or the summary that replaces it. */
export function diagramMarkdown(diagram: Diagram): string {
  return diagram.kind === "mermaid" ? `\`\`\`mermaid\n${diagram.text}\`\`\`\n` : diagram.text;
}
