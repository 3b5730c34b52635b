import { type FlowDefinition, type State } from "../definition";

/** Longest entry path shown in a summary, in widgets. */
const pathLength = 6;

function entryPath(first: string, byName: ReadonlyMap<string, State>): string {
  const seen = new Set<string>();
  const steps: string[] = [];
  let name: string | undefined = first;
  while (name !== undefined && steps.length < pathLength) {
    const state = byName.get(name);
    if (seen.has(name)) {
      steps.push(`\`${name}\` (loop)`);
      return steps.join(" → ");
    }
    seen.add(name);
    steps.push(state ? `\`${name}\` (${state.type})` : `\`${name}\` (missing)`);
    name = state?.transitions.find((t) => t.next !== undefined && t.next !== "")?.next;
  }
  return name === undefined ? steps.join(" → ") : `${steps.join(" → ")} → …`;
}

/**
 * What a reviewer can still take in when a flow is too large to draw: widget counts by type, and
 * from each wired trigger event the path along each widget's first wired transition.
 */
export function flowSummary(definition: FlowDefinition, reason: string): string {
  const counts = new Map<string, number>();
  for (const state of definition.states) counts.set(state.type, (counts.get(state.type) ?? 0) + 1);
  const rows = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  const byName = new Map(definition.states.map((s) => [s.name, s]));
  const trigger = byName.get(definition.initial_state);
  const paths = (trigger?.transitions ?? [])
    .filter((t) => t.next !== undefined && t.next !== "")
    .map((t) => `- \`${t.event}\` → ${entryPath(t.next ?? "", byName)}`);
  return [
    `**No diagram:** ${reason}. A summary instead:`,
    "",
    `| widget type | count |`,
    `| --- | ---: |`,
    ...rows.map(([type, n]) => `| ${type} | ${n} |`),
    `| **all** | **${definition.states.length}** |`,
    "",
    "Entry paths (each widget's first wired transition):",
    "",
    ...(paths.length > 0 ? paths : ["- (no trigger event is wired)"]),
    "",
  ].join("\n");
}
