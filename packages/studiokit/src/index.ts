/**
 * `studiokit`: what a flow file and a build script import. The typed builder, the compiler from
 * builder flows to Studio's flow JSON, the validator that checks any definition, and the types of
 * Studio's flow definition they all speak, as plain TypeScript: a flow file's type check reads
 * none of zod's declarations. The zod schemas themselves are `studiokit/definition`; the other
 * entry points are `studiokit/engine`, `studiokit/testing`, `studiokit/pulumi`,
 * `studiokit/emulator`, `studiokit/codegen` and `studiokit/cli` (ARCHITECTURE.md in the
 * repository names the rooms behind each).
 */
export * from "./builder";
export * from "./compiler";
export * from "./validator";
export * from "./definition/types";
