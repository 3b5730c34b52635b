import { checkTarget, link, nodeOf, type Target, type WidgetLike } from "./node";
import { renderCondition, type SplitCondition } from "./conditions";
import { renderText } from "./ref";
import { createWidget, type WidgetBase } from "./widget";
import { type SplitBasedOnProps } from "./widget-props";

/** Split Based On: `.when(condition, target)` per branch in order, `.otherwise(target)` for no match. */
export interface SplitBasedOn extends WidgetBase<"split-based-on", "noMatch"> {
  /** Adds a `match` transition; several conditions must all hold. First matching branch wins. */
  when(condition: SplitCondition | readonly SplitCondition[], target: Target): this;
  /** Wires `noMatch`. */
  otherwise(target: Target): this;
}

const splitMethods = {
  when(this: WidgetLike, condition: SplitCondition | readonly SplitCondition[], target: Target) {
    const node = nodeOf(this);
    const conditions = Array.isArray(condition) ? condition : [condition];
    if (conditions.length === 0)
      throw new Error(`widget "${node.name}": .when() needs at least one condition`);
    const problem = conditions.find((c: SplitCondition) => c.problem !== undefined)?.problem;
    if (problem !== undefined) throw new Error(`widget "${node.name}": ${problem}`);
    const input = String(node.properties["input"]);
    const checked = checkTarget(node.name, "match", target);
    node.matches.push({
      conditions: conditions.map((c: SplitCondition) => renderCondition(c, input)),
      target: checked,
    });
    link(this, "match", checked);
    return this;
  },
  otherwise(this: SplitBasedOn, target: Target) {
    return this.on("noMatch", target);
  },
};

/** Split Based On…: branches on `input`. */
export function splitBasedOn(name: string, props: SplitBasedOnProps): SplitBasedOn {
  const { input, ...rest } = props;
  return createWidget(
    "split-based-on",
    name,
    { ...rest, input: renderText(input) },
    splitMethods,
  ) as SplitBasedOn;
}
