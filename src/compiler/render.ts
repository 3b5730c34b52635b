import { isWidgetType, triggerContextKeys, type Offset, type State, type Transition } from "../definition";
import { isWidgetLike, studioDefaults, type FlowNode, type Target, type WidgetNode } from "../builder";

const triggerEvents = Object.keys(triggerContextKeys);

const next = (target: Target | undefined): { next?: string } =>
  isWidgetLike(target) ? { next: target.name } : {};

/** The one place builder nodes become Studio's JSON shape: every legal event listed, `next` omitted when unwired. */
export function renderState(node: WidgetNode, offset: Offset): State {
  const transitions: Transition[] = node.events.map((event) => ({ ...next(node.wiring.get(event)), event }));
  for (const match of node.matches)
    transitions.push({ ...next(match.target), event: "match", conditions: [...match.conditions] });
  const defaults: Readonly<Record<string, unknown>> =
    node.fillDefaults && isWidgetType(node.type) && node.type in studioDefaults
      ? studioDefaults[node.type as keyof typeof studioDefaults]
      : {};
  return {
    name: node.name,
    type: node.type,
    transitions,
    properties: { ...defaults, ...node.properties, offset },
  };
}

export function renderTrigger(flow: FlowNode, offset: Offset): State {
  const wired = new Map(flow.on);
  return {
    name: flow.triggerName,
    type: "trigger",
    transitions: (flow.triggerEvents ?? triggerEvents).map((event) => ({ ...next(wired.get(event)), event })),
    properties: { offset },
  };
}
