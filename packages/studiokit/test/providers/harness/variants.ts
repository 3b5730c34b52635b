import {
  defaultFlags,
  propertyDefaultsOf,
  widgetSpecs,
  type FlowDefinition,
  type State,
} from "../../../src/definition";

// Ways one flow can be written that Studio treats as the same flow (a no-op preview must show no
// change): other formatting and key/state order, Studio's defaults spelt out, or left out.

const reverseKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(reverseKeys)
    : v !== null && typeof v === "object"
      ? Object.fromEntries(
          Object.entries(v)
            .reverse()
            .map(([k, x]) => [k, reverseKeys(x)]),
        )
      : v;

/** Re-indented with tabs and parsed back: formatting never survives parsing, by construction. */
export const reformatted = (d: FlowDefinition): FlowDefinition =>
  JSON.parse(JSON.stringify(d, null, "\t")) as FlowDefinition;

/** States in reverse order and every object's keys reversed (transition order kept: it is meaning). */
export function reordered(d: FlowDefinition): FlowDefinition {
  const states = [...d.states]
    .reverse()
    .map((s) => reverseKeys({ ...s, transitions: s.transitions }) as State);
  return reverseKeys({ ...d, states }) as FlowDefinition;
}

const eventsOf = (type: string): readonly string[] =>
  type in widgetSpecs ? widgetSpecs[type as keyof typeof widgetSpecs].events : [];

/** What Studio fills in, spelt out: flags, every unwired event, default property values. */
export function withStudioDefaults(d: FlowDefinition): FlowDefinition {
  return {
    ...d,
    flags: d.flags ?? defaultFlags,
    states: d.states.map((s) => ({
      ...s,
      transitions: [
        ...s.transitions,
        ...eventsOf(s.type)
          .filter((e) => !s.transitions.some((t) => t.event === e))
          .map((event) => ({ event })),
      ],
      properties: { ...propertyDefaultsOf(s.type), ...s.properties },
    })),
  };
}

/**
 * `properties` without the defaults the widget's schema lets an author leave out. `from` (and Send
 * & Wait's `timeout`) have console defaults but are required (docs/studio-behaviour.md §9): a flow
 * without them fails check, as Twilio's FlowValidate would reject it, so they stay.
 */
function withoutOptionalDefaults(type: string, properties: State["properties"]): State["properties"] {
  const spec = type in widgetSpecs ? widgetSpecs[type as keyof typeof widgetSpecs].properties : undefined;
  let out = properties;
  for (const [key, value] of Object.entries(propertyDefaultsOf(type))) {
    if (JSON.stringify(out[key]) !== JSON.stringify(value)) continue;
    const { [key]: _dropped, ...without } = out;
    const required = spec?.safeParse(without).error?.issues.some((issue) => issue.path[0] === key) ?? false;
    if (!required) out = without;
  }
  return out;
}

/** The same flow with everything Studio would fill in, and allows to be left out, left out. */
export function withoutStudioDefaults(d: FlowDefinition): FlowDefinition {
  const { flags, ...rest } = d;
  const keepFlags =
    flags !== undefined && flags.allow_concurrent_calls !== defaultFlags.allow_concurrent_calls
      ? { flags }
      : {};
  return {
    ...rest,
    ...keepFlags,
    states: d.states.map((s) => ({
      ...s,
      transitions: s.transitions.filter(
        (t) => (t.next !== undefined && t.next !== "") || t.conditions !== undefined,
      ),
      properties: withoutOptionalDefaults(s.type, s.properties),
    })),
  };
}

/** One widget changed: a property added to the widget with the last name. */
export function oneWidgetChanged(d: FlowDefinition): { definition: FlowDefinition; widget: string } {
  const widget = [...d.states.map((s) => s.name)].sort().at(-1)!;
  return {
    widget,
    definition: {
      ...d,
      states: d.states.map((s) =>
        s.name === widget ? { ...s, properties: { ...s.properties, studiokit_probe: "changed" } } : s,
      ),
    },
  };
}
