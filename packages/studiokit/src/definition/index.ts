/**
 * The definition room: zod schemas for Studio's flow-definition JSON, the one contract every
 * other room speaks. Types are inferred from the schemas; types.ts, the room's narrow door for
 * types, holds those other rooms name in their declarations written out as plain TypeScript.
 */
export * from "./common";
export * from "./condition";
export * from "./flow";
export * from "./parse";
export * from "./json-text";
export * from "./canonical";
export * from "./context";
export * from "./widgets/index";
export * from "./defaults";
export * from "./sids";
export * from "./types";
