import type * as LiquidJs from "liquidjs";

/*
 * liquidjs, loaded the first time a template needs it: most of a flow's Liquid is plain paths
 * (`{{widgets.ask.inbound.Body}}`) the engine resolves itself (liquid.ts), and a run of the
 * tutorial's scenarios never loads the module (some 20 ms at start-up).
 */
let loaded: typeof LiquidJs | undefined;

export function liquidjs(): typeof LiquidJs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
  return (loaded ??= require("liquidjs") as typeof LiquidJs);
}
