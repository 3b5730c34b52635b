import { widgetSpecs } from "../definition";
import {
  type OpenOutputsWidgetType,
  type OutputShape,
  type WidgetEvent,
  type WidgetOutputs,
  type WidgetType,
} from "../definition/types";
import {
  checkTarget,
  link,
  nodeOf,
  recordMade,
  widgetNodeKey,
  type Target,
  type WidgetLike,
  type WidgetNode,
} from "./node";
import { toStudioProperties, type WidgetProps } from "./props";
import { ref, type JsonRef, type OpenRef, type RefChildren } from "./ref";

/** The members every widget object has, whatever it writes. */
export interface WidgetBase<T extends string, E extends string> extends WidgetLike {
  readonly name: string;
  readonly type: T;
  /**
   * Wires `event` to `target` (a widget object, or `end`). Only the widget's legal events compile.
   * Returns the widget, so calls chain; a widget may target itself (ask again on timeout).
   */
  on(event: E, target: Target): this;
}

type Outputs<T extends WidgetType> = WidgetOutputs[T];

/**
 * On a widget whose keys are the run's (Run Subflow, TwiML Redirect): a reference to any of
 * them, `sub.at("verified")` → `{{widgets.sub.verified}}`.
 */
export interface OpenWidgetRefs {
  at(...keys: Array<string | number>): OpenRef;
}

type KnownRefs<T extends WidgetType, Parsed> = unknown extends Parsed
  ? RefChildren<Outputs<T>>
  : Omit<RefChildren<Outputs<T>>, "parsed"> & { readonly parsed: JsonRef<Parsed> };

/** What a widget writes, as typed references; `Parsed` types a `parsed` output when the author declares it. */
export type WidgetRefs<T extends WidgetType, Parsed = unknown> = [T] extends [OpenOutputsWidgetType]
  ? KnownRefs<T, Parsed> & OpenWidgetRefs
  : KnownRefs<T, Parsed>;

/** A widget of Studio type `T`: its name, `.on(...)` for its legal events, and references to what it writes. */
export type Widget<T extends WidgetType, Parsed = unknown> = WidgetBase<T, Exclude<WidgetEvent<T>, "match">> &
  WidgetRefs<T, Parsed>;

/** Any widget object, whatever its type. */
export type AnyWidget = WidgetLike;

export function checkName(name: unknown, what: string): string {
  if (typeof name !== "string" || name.trim() === "")
    throw new Error(
      `${what}: a widget needs a non-empty name (its Studio name), got ${JSON.stringify(name)}`,
    );
  return name;
}

/** Shared prototype methods: `on` and a getter per output key, so widgets cost one small object each. */
const base = {
  on(this: WidgetLike, event: string, target: Target) {
    const node = nodeOf(this);
    if (event === "match" && node.type === "split-based-on")
      throw new Error(`widget "${node.name}": wire match transitions with .when(condition, target)`);
    const at = node.events.indexOf(event);
    if (at < 0)
      throw new Error(
        `widget "${node.name}" (${node.type}) has no event "${event}"; its events are ${node.events.join(", ")}`,
      );
    if (node.targets[at] !== undefined)
      throw new Error(`widget "${node.name}": event "${event}" is already wired; wire each event once`);
    const checked = checkTarget(node.name, event, target);
    node.targets[at] = checked;
    link(this, event, checked);
    return this;
  },
};

const prototypes = new Map<string, object>();

/** `at` on widgets whose keys are the run's (OpenWidgetRefs). */
const openMembers = {
  at(this: WidgetLike, ...keys: Array<string | number>): OpenRef {
    return ref(`widgets.${this.name}`).at(...keys);
  },
};

function prototypeFor(type: string, outputs: OutputShape, open: boolean, extra: object): object {
  let proto = prototypes.get(type);
  if (!proto) {
    proto = Object.create(open ? Object.assign(Object.create(base) as object, openMembers) : base) as object;
    for (const key of Object.keys(outputs))
      Object.defineProperty(proto, key, {
        get(this: WidgetLike): OpenRef {
          return ref(`widgets.${this.name}`).at(key);
        },
      });
    Object.assign(proto, extra);
    prototypes.set(type, proto);
  }
  return proto;
}

export function makeNode(
  name: string,
  type: string,
  properties: Record<string, unknown>,
  events: readonly string[],
  offset: WidgetNode["offset"],
  fillDefaults = true,
): WidgetNode {
  return {
    name,
    type,
    properties,
    events,
    offset,
    fillDefaults,
    targets: events.map(() => undefined),
    matches: [],
    incoming: [],
    walkId: 0,
    walkIndex: -1,
  };
}

/** Builds a widget object of a known type; `extra` adds prototype methods (a split's `when`). */
export function createWidget(
  type: WidgetType,
  name: unknown,
  props: object | undefined,
  extra: object = {},
): WidgetLike {
  const checked = checkName(name, type);
  const spec = widgetSpecs[type];
  // Props arrive typed per widget; here they are read as the plain record JavaScript callers may pass.
  const given = (props ?? {}) as Readonly<Record<string, unknown>>;
  const legal: readonly string[] = spec.events.filter((e) => e !== "match");
  const listed = given["events"] as readonly string[] | undefined;
  const illegal = listed?.find((e) => !legal.includes(e));
  if (illegal !== undefined)
    throw new Error(
      `${type} "${checked}": events lists "${illegal}", which ${type} does not have; its events are ${legal.join(", ")}`,
    );
  const node = makeNode(
    checked,
    type,
    toStudioProperties(type, checked, given),
    listed ? [...new Set(listed)] : legal,
    given["offset"] as WidgetNode["offset"],
    given["fillDefaults"] !== false,
  );
  return createObject(node, prototypeFor(type, spec.outputs, spec.openOutputs, extra));
}

export function createObject(node: WidgetNode, proto: object): WidgetLike {
  const widget = Object.create(proto) as { -readonly [K in keyof WidgetLike]: WidgetLike[K] };
  Object.defineProperty(widget, widgetNodeKey, { value: node });
  Object.defineProperty(widget, "name", { value: node.name, enumerable: true });
  Object.defineProperty(widget, "type", { value: node.type, enumerable: true });
  recordMade(widget);
  return widget;
}

/** The factory shape every widget type shares: `factory(name, props)`. */
export type WidgetFactory<T extends Exclude<WidgetType, "trigger">> = (
  name: string,
  ...props: PropsArgument<WidgetProps<T>>
) => Widget<T>;

/** Props may be left out when every prop is optional. */
export type PropsArgument<P> = object extends P ? [props?: P] : [props: P];

export function factory<T extends Exclude<WidgetType, "trigger">>(type: T): WidgetFactory<T> {
  return (name, ...props) => createWidget(type, name, props[0]) as Widget<T>;
}

export { prototypeFor as widgetPrototype };
