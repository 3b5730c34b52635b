import {
  canonicalDefinition,
  isTriggerEvent,
  triggerEvents,
  type FlowDefinition,
  type State,
} from "../definition";
import * as builder from "../builder";
import { Identifiers } from "./import-names";
import { hasOpenOutputs, outputsOf, References, type WidgetRefTarget } from "./import-values";
import { isTyped, widgetCode, type WidgetCode } from "./import-widget";

export interface ImportOptions {
  /** Module specifier of the builder in the generated file (default `"studiokit"`, the package). */
  readonly builderImport?: string;
  /** Where the flow came from, named in the generated file's first line. */
  readonly source?: string;
}

export interface ImportedFlow {
  /** TypeScript source (not yet formatted: run it through prettier before writing it). */
  readonly code: string;
  /** What the generated module cannot carry, or carries through an escape hatch, one line each. */
  readonly warnings: readonly string[];
}

/** The definition cannot be imported at all (no trigger, two widgets with one name). */
export class ImportError extends Error {
  override readonly name = "ImportError";
}

const json = (value: unknown) => JSON.stringify(value);

/** Declaration order: canonical order, each widget after the widgets its typed references use. */
function declarationOrder(
  states: readonly State[],
  uses: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string) => {
    if (state.get(name) !== undefined) return; // "visiting": a cycle; the later reference stays a string
    state.set(name, "visiting");
    for (const dependency of [...(uses.get(name) ?? [])].sort()) visit(dependency);
    state.set(name, "done");
    order.push(name);
  };
  for (const s of states) visit(s.name);
  return order;
}

function flowWarnings(definition: FlowDefinition, trigger: State, warnings: string[]): void {
  const top = Object.keys(definition).filter(
    (k) => !["description", "states", "initial_state", "flags"].includes(k),
  );
  if (top.length > 0) warnings.push(`flow: top-level keys the builder does not write (${top.join(", ")})`);
  const flags = definition.flags;
  if (flags === undefined)
    warnings.push("flow: has no flags; the compiler writes allow_concurrent_calls: true");
  else if (Object.keys(flags).some((k) => k !== "allow_concurrent_calls"))
    warnings.push("flow: flags other than allow_concurrent_calls are not written");
  const props = Object.keys(trigger.properties).filter((k) => k !== "offset");
  if (props.length > 0) warnings.push(`trigger: properties the builder does not write (${props.join(", ")})`);
  if (trigger.properties.offset === undefined)
    warnings.push("trigger: has no offset; the compiler writes { x: 0, y: 0 }");
}

/**
 * Flow JSON → builder TypeScript: one const per widget named after it, typed factories and
 * references, typed conditions, offsets kept, unknown properties in `extraProperties`, unknown
 * widget types through `raw()`. Widgets are declared first and wired after, so cycles need
 * nothing special. Compiling the result gives the input back, canonical order aside; whatever
 * it cannot carry is listed in `warnings`.
 */
export function importFlow(input: FlowDefinition, options: ImportOptions = {}): ImportedFlow {
  const definition = canonicalDefinition(input);
  const trigger = definition.states.find((s) => s.name === definition.initial_state);
  if (trigger?.type !== "trigger")
    throw new ImportError(
      `initial_state "${definition.initial_state}" is not a trigger widget; a flow starts at its Trigger`,
    );
  const states = definition.states.filter((s) => s !== trigger);
  const names = new Set<string>([trigger.name]);
  for (const s of states) {
    if (names.has(s.name))
      throw new ImportError(`two widgets are named "${s.name}"; Studio requires unique names, rename one`);
    names.add(s.name);
  }

  const identifiers = new Identifiers(Object.keys(builder));
  const ids = identifiers.claimAll(states.map((s) => s.name));
  const targets = new Map<string, WidgetRefTarget>(
    states.map((s) => [
      s.name,
      {
        identifier: ids.get(s.name)!,
        outputs: isTyped(s) ? outputsOf(s.type) : undefined,
        open: isTyped(s) && hasOpenOutputs(s.type),
      },
    ]),
  );
  // First pass: which widgets' references each declaration would use; they fix the order.
  const everyone = new References(targets, () => true);
  const firstUses = new Map(
    states.map((s) => [s.name, widgetCode(s, ids.get(s.name)!, { refs: everyone, ids }).uses]),
  );
  const order = declarationOrder(states, firstUses);
  const position = new Map(order.map((name, i) => [name, i]));
  const byName = new Map(states.map((s) => [s.name, s]));

  const warnings: string[] = [];
  flowWarnings(definition, trigger, warnings);
  const imports = new Set<string>(["flow"]);
  const codes: WidgetCode[] = order.map((name) => {
    const refs = new References(targets, (other) => (position.get(other) ?? Infinity) < position.get(name)!);
    const code = widgetCode(byName.get(name)!, ids.get(name)!, { refs, ids });
    for (const i of [...code.imports, ...refs.roots]) imports.add(i);
    warnings.push(...code.warnings.map((w) => `widget "${name}": ${w}`));
    return code;
  });

  const on: string[] = [];
  for (const t of trigger.transitions) {
    if (!isTriggerEvent(t.event)) warnings.push(`trigger: "${t.event}" is not a trigger event; left out`);
    else if (t.next && !ids.has(t.next))
      warnings.push(`trigger: "${t.event}" goes to "${t.next}", which is not a widget; left unwired`);
    else if (t.next) on.push(`${t.event}: ${ids.get(t.next)}`);
  }
  const listed = trigger.transitions.map((t) => t.event).filter(isTriggerEvent);
  const triggerProps: string[] = [];
  if (trigger.name !== "Trigger") triggerProps.push(`name: ${json(trigger.name)}`);
  const offset = trigger.properties.offset as { x?: unknown; y?: unknown } | undefined;
  if (offset && (offset.x !== 0 || offset.y !== 0)) triggerProps.push(`offset: ${json(offset)}`);
  if (json(listed) !== json(triggerEvents) || on.length === 0)
    triggerProps.push(`events: ${json([...new Set(listed)])}`);

  const reached = reachable(trigger, byName);
  const detached = order.filter((name) => !reached.has(name)).map((name) => ids.get(name)!);
  const flowProps = [
    ...(definition.description !== undefined ? [`description: ${json(definition.description)}`] : []),
    `on: { ${on.join(", ")} }`,
    ...(triggerProps.length > 0 ? [`trigger: { ${triggerProps.join(", ")} }`] : []),
    ...(definition.flags?.allow_concurrent_calls === false ? ["flags: { allowConcurrentCalls: false }"] : []),
    ...(detached.length > 0 ? [`detached: [${detached.join(", ")}]`] : []),
  ];
  const wiring = codes.map((c) => c.wiring).filter((w) => w !== "");
  const code = [
    `// Imported${options.source ? ` from ${options.source}` : ""} by studiokit import.`,
    `import { ${[...imports].sort().join(", ")} } from ${json(options.builderImport ?? "studiokit")};`,
    "",
    ...codes.map((c) => c.declaration),
    ...(wiring.length > 0 ? ["", ...wiring] : []),
    "",
    `export default flow({ ${flowProps.join(", ")} });`,
    "",
  ].join("\n");
  return { code, warnings };
}

/** Names reached from the trigger along transitions to widgets of the flow. */
function reachable(trigger: State, byName: ReadonlyMap<string, State>): Set<string> {
  const seen = new Set<string>();
  const queue = trigger.transitions.map((t) => t.next).filter((n): n is string => !!n && byName.has(n));
  for (let i = 0; i < queue.length; i += 1) {
    const name = queue[i]!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const t of byName.get(name)!.transitions) if (t.next && byName.has(t.next)) queue.push(t.next);
  }
  return seen;
}
