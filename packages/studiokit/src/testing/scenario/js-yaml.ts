import type * as JsYaml from "js-yaml";

/*
 * js-yaml, loaded the first time a scenario file needs it: a file `plainYaml` cannot read, or a
 * scalar it leaves to js-yaml (floats, hex, `.inf`…). The tutorial's files, and every generated
 * one, need neither, and `studiokit test` starts without the module.
 */
let loaded: typeof JsYaml | undefined;

export function jsYaml(): typeof JsYaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
  return (loaded ??= require("js-yaml") as typeof JsYaml);
}
