import fs from "node:fs";
import path from "node:path";
import { parseFlowDefinition, parseJsonText, type FlowDefinition } from "../definition";
import { compileWithWarnings, type CompileResult } from "./compile";
import { isFlow, recordWidgets, type WidgetLike } from "../builder";
import { describeLoadError, withDeepStacks } from "./load-error";
import { registerTypeScript } from "./typescript-hook";

/**
 * A flow file that cannot be used at all (missing, not a flow, does not load): one line naming
 * the file and the fix. The CLI prints it and exits 2; the Pulumi program stops with it.
 */
export class FlowFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FlowFileError";
  }
}

/** A flow module comes compiled, with what the validator found (warnings); a JSON file only parsed. */
export type LoadedFlow =
  (CompileResult & { readonly kind: "ts" }) | { readonly definition: FlowDefinition; readonly kind: "json" };

/** Flow files in a directory: definitions and flow modules, not scenarios, tests or declarations. */
export function isFlowFileName(file: string): boolean {
  return /\.(json|ts)$/.test(file) && !/\.(scenario\.json|test\.ts|d\.ts)$/.test(file);
}

const moduleExtensions = new Set([".ts", ".cts", ".js", ".cjs"]);

/**
 * Lets `require` read TypeScript flow modules: vitest's own transform does not cover require(),
 * so a flow module is transpiled (and cached) the same way in tests as on the command line.
 */
export const ensureTypeScript = registerTypeScript;

function loadModule(file: string, shown: string, cwd: string): CompileResult {
  ensureTypeScript();
  let exported: unknown;
  let made: readonly WidgetLike[];
  try {
    // A fresh read each time: a long-lived process (tests, watch) must see an edited flow file.
    delete require.cache[require.resolve(file)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ({ value: exported, made } = recordWidgets(() => withDeepStacks(() => require(file) as unknown)));
  } catch (error) {
    throw new FlowFileError(describeLoadError(error, file, shown, cwd));
  }
  const value =
    typeof exported === "object" && exported !== null && "default" in exported ? exported.default : exported;
  if (!isFlow(value)) {
    const hasDefault = typeof exported === "object" && exported !== null && "default" in exported;
    throw new FlowFileError(
      hasDefault
        ? `${shown}: the default export is ${describe(value)}, not a flow; export default flow({ on: { … } })`
        : `${shown}: has no default export; end the file with export default flow({ on: { … } })`,
    );
  }
  return compileWithWarnings(value, { made });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function loadJson(file: string, shown: string): FlowDefinition {
  const text = fs.readFileSync(file, "utf8");
  const json = parseJsonText(text);
  if (!json.ok) throw new FlowFileError(`${shown}: ${json.message}`);
  const parsed = parseFlowDefinition(json.value);
  if (!parsed.ok) {
    const [first, ...rest] = parsed.problems;
    const more = rest.length > 0 ? ` (and ${rest.length} more)` : "";
    throw new FlowFileError(
      `${shown}: ${first?.path ?? "(root)"}: ${first?.message ?? "not a flow definition"}${more}`,
    );
  }
  return parsed.value;
}

/**
 * Reads a flow from a `.json` definition or a `.ts`/`.js` module whose default export is a flow
 * (compiled with `compileWithWarnings`, which throws CompileError with the issues when the flow is invalid).
 * Unusable input (missing file, bad JSON, no flow) throws a one-line FlowFileError naming the file.
 */
export function loadFlowFile(file: string, cwd: string): LoadedFlow {
  const resolved = path.resolve(cwd, file);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isFile())
    throw new FlowFileError(`${file}: no such file`);
  const extension = path.extname(resolved).toLowerCase();
  if (extension === ".json") return { definition: loadJson(resolved, file), kind: "json" };
  if (moduleExtensions.has(extension)) return { ...loadModule(resolved, file, cwd), kind: "ts" };
  throw new FlowFileError(`${file}: expected a .json flow definition or a .ts/.js flow module`);
}
