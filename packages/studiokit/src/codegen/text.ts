import { type State } from "../definition";

/** Whitespace runs (newlines included) become one space, so a value fits on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** At most `max` characters (code points, so an emoji is never cut in half), "…" marking a cut. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(oneLine(text));
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * Two texts cut to `max` characters each so that their first difference stays in view: a text
 * that fits is shown whole; a longer one is cut at the end, or, when the difference lies beyond
 * the cut, also at the start (a little before the difference).
 */
export function shortenPair(before: string, after: string, max: number): [string, string] {
  const a = Array.from(oneLine(before));
  const b = Array.from(oneLine(after));
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common += 1;
  const cut = (chars: string[]) => {
    if (chars.length <= max) return chars.join("");
    const start = common + 10 < max ? 0 : common - 10;
    const head = start > 0 ? "…" : "";
    const body = chars.slice(start);
    const room = max - head.length;
    return body.length <= room ? head + body.join("") : `${head}${body.slice(0, room - 1).join("")}…`;
  };
  return [cut(a), cut(b)];
}

/** The text a widget shows a person, if any: a message body, or what a voice widget says. */
export function widgetText(state: State): string | undefined {
  const { body, say } = state.properties;
  if (state.type === "send-message" || state.type === "send-and-wait-for-reply") {
    return typeof body === "string" && body !== "" ? body : undefined;
  }
  if (state.type === "say-play" || state.type === "gather-input-on-call") {
    return typeof say === "string" && say !== "" ? say : undefined;
  }
  return undefined;
}

/** The condition of a split `match` transition in one phrase: `matches_any_of yes,Yes`. */
export function conditionPhrase(conditions: unknown): string {
  if (!Array.isArray(conditions) || conditions.length === 0) return "(no condition)";
  return conditions
    .map((c: { type?: unknown; value?: unknown }) =>
      [String(c.type), typeof c.value === "string" && c.value !== "" ? c.value : undefined]
        .filter((part) => part !== undefined)
        .join(" "),
    )
    .join(" and ");
}

/** The line a diagram shows under a widget's name and type: what it sends or says, or what a split reads. */
export function widgetDetail(state: State): string | undefined {
  const text = widgetText(state);
  if (text !== undefined) return `“${shorten(text, 40)}”`;
  if (state.type === "split-based-on" && typeof state.properties.input === "string")
    return shorten(state.properties.input, 48);
  return undefined;
}

/** A transition's label in a diagram: its event, and for a split's `match` the condition. */
export function edgeLabel(transition: State["transitions"][number]): string {
  return transition.event === "match"
    ? `match: ${shorten(conditionPhrase(transition.conditions), 60)}`
    : transition.event;
}
