import {
  flow,
  isBlank,
  liquid,
  makeHttpRequest,
  matchesAnyOf,
  sendAndWaitForReply,
  sendMessage,
  setVariables,
  splitBasedOn,
  startsWith,
  type Flow,
  type AnyWidget,
} from "../src/builder";

/**
 * A deterministic flow of `states` states (the trigger included) built with the builder: a chain
 * of five-widget steps (ask → split → HTTP lookup → set variables, with an apology branch), with
 * loops (ask again on timeout or a blank answer), branches and references between widgets.
 */
export function generateFlow(states: number, variant = 0): Flow {
  const widgets = states - 1;
  // Variants differ in their texts only, so each has its own strings (as distinct flows would).
  const tag = variant === 0 ? "" : ` (${variant})`;
  if (widgets < 1) throw new Error("generateFlow: at least 2 states (trigger and one widget)");
  let made = 0;
  const room = () => made < widgets;
  let first: AnyWidget | undefined;
  let previous: ((next: AnyWidget) => void) | undefined;
  for (let i = 0; room(); i++) {
    made++;
    const ask = sendAndWaitForReply(`ask_${i}`, { body: `Step ${i}: continue?${tag}`, timeout: 600 });
    ask.on("timeout", ask);
    first ??= ask;
    previous?.(ask);
    previous = undefined;
    if (!room()) break;
    made++;
    const split = splitBasedOn(`split_${i}`, { input: ask.inbound.Body });
    ask.on("incomingMessage", split);
    split.when(isBlank(), ask);
    if (!room()) break;
    made++;
    const lookup = makeHttpRequest(`lookup_${i}`, {
      url: liquid`https://api.example.com/steps/${i}${tag}?answer=${ask.inbound.Body}`,
      method: "GET",
    });
    split.when(i % 2 === 0 ? matchesAnyOf("yes", "y") : startsWith("ok"), lookup);
    if (!room()) break;
    made++;
    const vars = setVariables(`vars_${i}`, {
      variables: [{ key: `step_${i}`, value: lookup.parsed.at("id") }],
    });
    lookup.on("success", vars);
    previous = (next) => vars.on("next", next);
    if (!room()) break;
    made++;
    const sorry = sendMessage(`sorry_${i}`, {
      body: liquid`Sorry, step ${i} failed (${lookup.status_code})${tag}`,
    });
    split.otherwise(sorry);
    lookup.on("failed", sorry);
  }
  return flow({ description: `Generated flow with ${states} states`, on: { incomingMessage: first! } });
}
