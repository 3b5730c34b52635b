/**
 * The compiler room's narrow door: reading `.json` flow files, without the builder, the compiler
 * proper or the type check (ARCHITECTURE.md, "Rooms and doors"). The command's start-up path
 * (`studiokit validate` on `.json` files, the fault handler) imports this; anything that loads,
 * compiles or type-checks a flow module goes through the room's door, `./index.ts`.
 */
export { FlowFileError, readFlowJson } from "./flow-json";
export { loadedFlowModules } from "./modules-run";
export { type TypeIssue } from "./typecheck";
