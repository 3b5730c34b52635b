type ModuleRun = { readonly path: string; readonly shown: string };

/*
 * Flow modules this process has run, most recent last (absolute path, and the name messages
 * use). On a `Symbol.for` global, as the builder's nodes are: the command (its own bundled copy
 * of the kit, see scripts/build-cli.mjs) reads what any copy of the compiler loaded. This module
 * imports nothing, so the command's fault handler reads it without loading the compiler.
 */
const modulesRunKey: unique symbol = Symbol.for("studiokit.flow.modulesRun");
const registry = globalThis as { [modulesRunKey]?: ModuleRun[] };

/** Records a flow module about to run (once per file). */
export function noteFlowModule(file: string, shown: string): void {
  const modules = (registry[modulesRunKey] ??= []);
  if (!modules.some((m) => m.path === file)) modules.push({ path: file, shown });
}

/**
 * The flow modules this process has loaded: their code may still run (a timer, a promise), and
 * the command blames a fault it did not catch on the module whose file the stack names.
 */
export function loadedFlowModules(): readonly ModuleRun[] {
  return registry[modulesRunKey] ?? [];
}
