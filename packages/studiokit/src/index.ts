/**
 * `studiokit`: what a flow file and a build script import. The typed builder, the compiler from
 * builder flows to Studio's flow JSON, the validator that checks any definition, and the zod
 * schemas of Studio's flow definition they all speak. The other entry points are `studiokit/engine`,
 * `studiokit/testing`, `studiokit/pulumi`, `studiokit/emulator`, `studiokit/codegen` and
 * `studiokit/cli` (ARCHITECTURE.md in the repository names the rooms behind each).
 */
export * from "./builder";
export * from "./compiler";
export * from "./validator";
export * from "./definition";
