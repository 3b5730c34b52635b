/* eslint-disable @typescript-eslint/no-require-imports -- the stub loads the installed package at run time, see below */
import type * as pulumi from "@pulumi/pulumi";
import type { ProviderName, providerImplementations } from "../implementations";

/**
 * What `dynamic.Resource` serializes into the state for every studiokit resource: a stub of a few
 * lines that, in the plugin process, require()s the installed `studiokit/pulumi` entry point and
 * hands each call to the implementation there. It captures one plain string, the provider's name,
 * so the text is the same on every machine and in every checkout (a path in it would show as a
 * change in every preview run from another directory). Serializing the implementations themselves
 * took 25-45 KB per resource and cannot capture the zod schemas the definition and validator rooms
 * are built on.
 *
 * The engine starts the plugin in the program's directory, where the program's own
 * `node_modules/studiokit` is; a `require` in the serialized text resolves from there.
 * Consequence: every operation, including a `destroy` long after the create, runs the installed
 * version's provider code, never a stale copy.
 */

type Implementations = typeof providerImplementations;

/** The package's entry point the stub loads; part of every stored provider text. */
export const providerEntryPoint = "studiokit/pulumi";

export function loadImplementations(): Implementations {
  let loaded: { providerImplementations?: Implementations };
  try {
    loaded = require("studiokit/pulumi") as { providerImplementations?: Implementations };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new Error(
      `studiokit's providers could not be loaded from ${process.cwd()} (${reason}); run pulumi from the project directory, where "npm install studiokit" put node_modules/studiokit`,
    );
  }
  if (loaded.providerImplementations === undefined)
    throw new Error(`the installed studiokit/pulumi has no provider implementations; reinstall studiokit`);
  return loaded.providerImplementations;
}

/** The serialized stand-in for one provider: every method forwards to the loaded implementation. */
export function providerStub(name: ProviderName): pulumi.dynamic.ResourceProvider {
  const impl = () => loadImplementations()[name] as pulumi.dynamic.ResourceProvider;
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
