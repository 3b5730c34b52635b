import path from "node:path";
import { parseFlowDefinition } from "../definition";
import { type FlowDefinition } from "../definition/types";
import { validateDefinition } from "../validator";
import { CompileError, compileWithWarnings, type CompileResult } from "./compile";
import { isFlow, recordWidgets, type WidgetLike } from "../builder";
import { findFile } from "./files";
import { describeValue, FlowFileError, readFlowJson } from "./flow-json";
import { noteFlowModule } from "./modules-run";
import { describeLoadError, withDeepStacks } from "./load-error";
import { registerTypeScript } from "./typescript-hook";

/** A flow module comes compiled, with what the validator found (warnings); a JSON file only parsed. */
export type LoadedFlow =
  (CompileResult & { readonly kind: "ts" }) | { readonly definition: FlowDefinition; readonly kind: "json" };

/** Flow files in a directory: definitions and flow modules, not scenarios, tests or declarations. */
export function isFlowFileName(file: string): boolean {
  return /\.(json|ts)$/.test(file) && !/\.(scenario\.json|test\.ts|d\.ts)$/.test(file);
}

export { FlowFileError, readFlowJson } from "./flow-json";
export { loadedFlowModules } from "./modules-run";

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
  noteFlowModule(file, shown);
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
        ? `${shown}: the default export is ${describeValue(value)}, not a flow; export default flow({ on: { … } })`
        : `${shown}: has no default export; end the file with export default flow({ on: { … } })`,
    );
  }
  return compileWithWarnings(value, { made });
}

/** A definition that does not fit the flow schema fails as a flow module that does not compile. */
function loadJson(file: string, cwd: string): FlowDefinition {
  const { value } = readFlowJson(file, cwd);
  const parsed = parseFlowDefinition(value);
  if (parsed.ok) return parsed.value;
  const errors = validateDefinition(value).filter((issue) => issue.severity === "error");
  if (errors.length > 0) throw new CompileError(errors);
  // Not expected: the validator reads a definition as parseFlowDefinition does.
  const [first] = parsed.problems;
  throw new FlowFileError(
    `${file}: ${first?.path ?? "(root)"}: ${first?.message ?? "not a flow definition"}`,
  );
}

/**
 * Reads a flow from a `.json` definition or a `.ts`/`.js` module whose default export is a flow
 * (compiled with `compileWithWarnings`). A flow that is invalid (a module that does not compile,
 * JSON that does not fit the flow schema) throws CompileError with the issues; unusable input
 * (missing file, a directory, bad JSON, not a flow) a one-line FlowFileError naming the file.
 */
export function loadFlowFile(file: string, cwd: string): LoadedFlow {
  const found = findFile(file, cwd);
  if (!("path" in found)) throw new FlowFileError(`${found.shown}: ${found.reason}`);
  if (found.isDirectory) throw new FlowFileError(`${found.shown}: is a directory, not a flow file`);
  const extension = path.extname(file).toLowerCase();
  if (extension === ".json") return { definition: loadJson(file, cwd), kind: "json" };
  if (!moduleExtensions.has(extension))
    throw new FlowFileError(`${found.shown}: expected a .json flow definition or a .ts/.js flow module`);
  if (typeof found.path !== "string")
    throw new FlowFileError(
      `${found.shown}: the file name is not UTF-8, and Node.js loads modules by UTF-8 names only; rename the file`,
    );
  return { ...loadModule(found.path, file, cwd), kind: "ts" };
}
