import { offsetSchema } from "../definition";
import { type Target } from "./node";
import { renderValue } from "./props";
import { checkName, createObject, makeNode, widgetPrototype, type WidgetBase } from "./widget";

/** A widget the builder has no factory for: its events are the ones the author lists. */
export interface RawWidget<E extends string> extends WidgetBase<string, E> {
  on(event: E, target: Target): this;
}

/**
 * Escape hatch for a widget type studiokit does not model (or a state imported as it is):
 * `raw("x", "some-new-widget", { url: "…" }, ["success", "failed"])`. Properties are written
 * verbatim (Studio's keys, references rendered); `properties.offset` places it on the canvas;
 * transitions list `events` in the order given, wired with `.on(event, target)`.
 */
export function raw<const E extends string>(
  name: string,
  type: string,
  properties: Readonly<Record<string, unknown>>,
  events: readonly E[],
): RawWidget<E> {
  const checked = checkName(name, `raw ${type}`);
  if (typeof type !== "string" || type === "") throw new Error(`raw "${checked}": give Studio's widget type`);
  const { offset, ...rest } = properties;
  const parsedOffset = offset === undefined ? undefined : offsetSchema.safeParse(offset);
  if (parsedOffset && !parsedOffset.success)
    throw new Error(`raw "${checked}": properties.offset must be { x: number, y: number }`);
  const node = makeNode(
    checked,
    type,
    renderValue(rest) as Record<string, unknown>,
    [...new Set(events)],
    parsedOffset?.data,
    // Verbatim: a raw widget of a known type gets none of Studio's defaults filled in.
    false,
  );
  return createObject(node, widgetPrototype("(raw)", {}, false, {})) as RawWidget<E>;
}
