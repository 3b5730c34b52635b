import { consoleDefaults, sortKeyList, sortKeysDeep, triggerEvents } from "../definition";
import { type Condition, type Offset, type State, type Transition } from "../definition/types";
import { isWidgetLike, type FlowNode, type Target } from "../builder";
import { type Collected } from "./collect";

// States are written directly in canonicalDefinition's form (Studio's key order for states,
// transitions and conditions, other keys sorted) instead of rendered and then copied into it: one
// copy of a 10,000-widget flow instead of two. A test checks the output is a fixed point of
// canonicalDefinition.

/** `{ next, event }`, or `{ event }` when unwired (the execution ends on that event). */
const transition = (event: string, next: string | undefined): Transition =>
  next === undefined ? { event } : { next, event };

const targetName = (target: Target | undefined) => (isWidgetLike(target) ? target.name : undefined);

function condition(c: Condition): Condition {
  const { friendly_name, arguments: args, type, value, ...rest } = c;
  const out: Condition = { friendly_name, arguments: [...args], type };
  if (value !== undefined) out.value = value;
  return Object.assign(out, sortKeysDeep(rest));
}

/**
 * Defaults, then the author's properties, then the offset (layout's, a fresh object this
 * definition may keep); keys sorted, nested values copied sorted.
 */
function properties(
  defaults: Readonly<Record<string, unknown>>,
  own: Readonly<Record<string, unknown>>,
  offset: Offset,
): State["properties"] {
  const keys = Object.keys(own);
  for (const key of Object.keys(defaults)) if (!(key in own)) keys.push(key);
  if (!("offset" in own)) keys.push("offset");
  sortKeyList(keys);
  const out: State["properties"] = {};
  for (const key of keys) {
    if (key === "offset") {
      out.offset = offset;
      continue;
    }
    const value = key in own ? own[key] : defaults[key];
    if (value !== undefined)
      out[key] = typeof value === "object" && value !== null ? sortKeysDeep(value) : value;
  }
  return out;
}

/**
 * The one place builder nodes become Studio's JSON shape: widget `i` of the walk, every legal
 * event listed, `next` omitted when unwired. Targets are named through the walk's links.
 */
export function renderState(collected: Collected, i: number, offset: Offset): State {
  const { node } = collected.order[i]!;
  const { names, links } = collected;
  let link = collected.linkStart[i]!;
  const nextOf = () => {
    const target = links[link++]!;
    return target < 0 ? undefined : names[target];
  };
  const transitions = node.events.map((event) => transition(event, nextOf()));
  for (const match of node.matches) {
    const matched = transition("match", nextOf());
    matched.conditions = match.conditions.map(condition);
    transitions.push(matched);
  }
  const defaults: Readonly<Record<string, unknown>> =
    node.fillDefaults && Object.prototype.hasOwnProperty.call(consoleDefaults, node.type)
      ? consoleDefaults[node.type as keyof typeof consoleDefaults]
      : {};
  return {
    name: node.name,
    type: node.type,
    transitions,
    properties: properties(defaults, node.properties, offset),
  };
}

export function renderTrigger(flow: FlowNode, offset: Offset): State {
  const wired = new Map(flow.on);
  return {
    name: flow.triggerName,
    type: "trigger",
    transitions: (flow.triggerEvents ?? triggerEvents).map((event) =>
      transition(event, targetName(wired.get(event))),
    ),
    properties: { offset: { x: offset.x, y: offset.y } },
  };
}
