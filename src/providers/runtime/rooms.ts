/* eslint-disable @typescript-eslint/no-require-imports -- loaded at run time in the plugin process, see below */
import type * as ValidatorRoom from "../../validator";
import { loadFs, loadPath } from "./modules";

/**
 * The validator is built on zod schemas, which Pulumi's closure serializer cannot capture
 * (toolchain.md §4, shape D). The provider therefore carries only where the room lives — plain
 * data, relative to the program directory, which is where the engine starts the plugin and runs
 * the program — and require()s it when `check` first needs it. TypeScript sources are loaded
 * through ts-node, which every Pulumi TypeScript program has.
 */
export interface RoomLocation {
  /** Directory of the room's door, relative to the program directory (e.g. `src/validator`). */
  readonly relative: string;
}

export type Validator = typeof ValidatorRoom;

export function loadValidator(location: RoomLocation): Validator {
  const path = loadPath();
  const fs = loadFs();
  const dir = path.resolve(process.cwd(), location.relative);
  const compiled = fs.existsSync(path.join(dir, "index.js"));
  if (!compiled && !fs.existsSync(path.join(dir, "index.ts"))) {
    throw new Error(
      `studiokit's validator was not found at ${location.relative} (from ${process.cwd()}); run pulumi from the project directory`,
    );
  }
  const hooks = require.extensions as Record<string, unknown>;
  if (!compiled && hooks[".ts"] === undefined) require("ts-node").register({ transpileOnly: true });
  return require(dir) as Validator;
}
