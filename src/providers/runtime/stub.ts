/* eslint-disable @typescript-eslint/no-require-imports -- the stub loads the providers room at run time, see below */
import type * as pulumi from "@pulumi/pulumi";
import type * as NodeFs from "node:fs";
import type * as NodePath from "node:path";
import type { ProviderName, providerImplementations } from "../implementations";

/**
 * What `dynamic.Resource` serializes into the state for every studiokit resource: a stub of a few
 * lines that, in the plugin process, require()s the providers room from the program directory
 * and hands each call to the implementation there. It captures plain data only (toolchain.md §4,
 * shape A) and stays about 3 KB, where serializing the implementations themselves took 25-45 KB
 * per resource and cannot capture the zod schemas the definition and validator rooms are built on
 * (shape D). TypeScript sources are loaded through ts-node, which every Pulumi TypeScript program
 * has; the engine starts the plugin in the program directory, where the program itself runs.
 * Consequence: every operation, including a `destroy` long after the create, runs the program's
 * current provider code, never a stale copy.
 */

type Implementations = typeof providerImplementations;

/** The providers room's directory relative to the program directory, e.g. `src/providers`. */
export function roomPath(dir: string): string {
  const path = require("node:path") as typeof NodePath;
  return path.relative(process.cwd(), dir).split(path.sep).join("/");
}

export function loadImplementations(relativeDir: string): Implementations {
  const path = require("node:path") as typeof NodePath;
  const fs = require("node:fs") as typeof NodeFs;
  const dir = path.resolve(process.cwd(), relativeDir);
  const compiled = fs.existsSync(path.join(dir, "implementations.js"));
  if (!compiled && !fs.existsSync(path.join(dir, "implementations.ts"))) {
    throw new Error(
      `studiokit's providers were not found at ${relativeDir} (from ${process.cwd()}); run pulumi from the project directory`,
    );
  }
  const hooks = require.extensions as Record<string, unknown>;
  if (!compiled && hooks[".ts"] === undefined) require("ts-node").register({ transpileOnly: true });
  return (require(path.join(dir, "implementations")) as { providerImplementations: Implementations })
    .providerImplementations;
}

/** The serialized stand-in for one provider: every method forwards to the loaded implementation. */
export function providerStub(relativeDir: string, name: ProviderName): pulumi.dynamic.ResourceProvider {
  const impl = () => loadImplementations(relativeDir)[name] as pulumi.dynamic.ResourceProvider;
  return {
    configure: (req) => impl().configure?.(req) ?? Promise.resolve(),
    check: (olds, news) => impl().check?.(olds, news) ?? Promise.resolve({ inputs: news }),
    diff: (id, olds, news) => impl().diff?.(id, olds, news) ?? Promise.resolve({}),
    create: (inputs) => impl().create(inputs),
    read: (id, props) => impl().read?.(id, props) ?? Promise.resolve({ id, props }),
    update: (id, olds, news) => impl().update?.(id, olds, news) ?? Promise.resolve({}),
    delete: (id, props) => impl().delete?.(id, props) ?? Promise.resolve(),
  };
}
