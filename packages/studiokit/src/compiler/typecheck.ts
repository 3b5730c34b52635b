import fs from "node:fs";
import path from "node:path";
import type * as TypeScript from "typescript";
import { optionsKey, packageFiles } from "./package-files";
import { cachedIssues, checkInputs, readSource, storeIssues, type TypeIssue } from "./typecheck-cache";
import { studiokitCacheDir } from "./typescript-hook";

/*
 * A flow module's type errors, as `tsc` would report them: loading a module only transpiles it,
 * so a typo in a typed reference (`lookup.parsed.trackingUrl` where the type says `tracking_url`)
 * would otherwise compile to an empty string. Each flow file is checked with the nearest
 * tsconfig.json (its compiler options; the files are the flow, what it imports, and the
 * project's declaration files), or studiokit's strict defaults without one. Results are cached
 * (typecheck-cache.ts); within one process, the checks of one tsconfig share what they parsed, and
 * every check shares the packages' declarations (package-files.ts).
 */

export { type TypeIssue } from "./typecheck-cache";

/** What `compile`, `validate` and `test` check when there is no tsconfig.json. */
const defaultOptions = (ts: typeof TypeScript): TypeScript.CompilerOptions => ({
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  esModuleInterop: true,
  resolveJsonModule: true,
  skipLibCheck: true,
});

/** A flow file the type check reads: TypeScript, not a declaration file. */
export function isTypeScriptFlow(file: string): boolean {
  return /\.(ts|cts|mts)$/.test(file) && !/\.d\.[cm]?ts$/.test(file);
}

/** The tsconfig.json nearest to `dir`, walking up; undefined when there is none. */
function nearestConfig(dir: string): string | undefined {
  for (let at = dir; ; at = path.dirname(at)) {
    const candidate = path.join(at, "tsconfig.json");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(at) === at) return undefined;
  }
}

const typescriptVersion = (): string => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a version, not the compiler
  return (require("typescript/package.json") as { version: string }).version;
};

let typescript: typeof TypeScript | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a check runs
const loadTypeScript = () => (typescript ??= require("typescript") as typeof TypeScript);

const isPackageFile = (file: string) => file.split(/[\\/]/).includes("node_modules");

/** The author's files a setup's checks parsed, by path: a later check reuses them while the text is the same. */
type Parsed = Map<string, { text: string; file: TypeScript.SourceFile }>;

function compilerHost(ts: typeof TypeScript, setup: Setup): TypeScript.CompilerHost {
  const host = ts.createCompilerHost(setup.options, true);
  // As tsc parses: JSDoc only where it can change a type error (never, in .ts and .d.ts files), so
  // the declarations' comments (zod's, @types/node's, studiokit's own) cost no parse time.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  host.readFile = readSource;
  const options = optionsKey(ts, setup.options);
  host.getSourceFile = (fileName, languageVersion) => {
    if (isPackageFile(fileName)) return packageFiles.get(ts, fileName, options, languageVersion, readSource);
    const known = setup.parsed.get(fileName);
    const text = readSource(fileName);
    if (text === undefined) return undefined;
    if (known?.text === text) return known.file;
    const file = ts.createSourceFile(fileName, text, languageVersion);
    setup.parsed.set(fileName, { text, file });
    return file;
  };
  return host;
}

interface Setup {
  readonly options: TypeScript.CompilerOptions;
  /** The project's own declaration files (ambient types the flow may rely on). */
  readonly declarations: readonly string[];
  /** The tsconfig chain (extends included) as it was read. */
  readonly configTexts: ReadonlyArray<readonly [file: string, text: string]>;
  readonly issues: readonly TypeIssue[];
  /** The files its checks parsed (one setup, one way to parse each file). */
  readonly parsed: Parsed;
}

function issueOf(ts: typeof TypeScript, diagnostic: TypeScript.Diagnostic, fallback: string): TypeIssue {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ").replace(/\s+/g, " ").trim();
  const { file, start } = diagnostic;
  if (file === undefined || start === undefined) return { file: fallback, code: diagnostic.code, message };
  const { line, character } = file.getLineAndCharacterOfPosition(start);
  return { file: file.fileName, line: line + 1, column: character + 1, code: diagnostic.code, message };
}

function setupFor(ts: typeof TypeScript, config: string | undefined): Setup {
  if (config === undefined)
    return { options: defaultOptions(ts), declarations: [], configTexts: [], issues: [], parsed: new Map() };
  const configTexts: Array<readonly [string, string]> = [];
  const problems: TypeScript.Diagnostic[] = [];
  const command = ts.getParsedCommandLineOfConfigFile(config, undefined, {
    ...ts.sys,
    readFile: (file) => {
      const text = readSource(file);
      if (text !== undefined) configTexts.push([path.resolve(file), text]);
      return text;
    },
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => problems.push(diagnostic),
  });
  // "No inputs were found" (18003) does not apply: the check names its own files.
  const noInputs = 18003;
  problems.push(
    ...(command?.errors ?? []).filter(
      (d) => d.category === ts.DiagnosticCategory.Error && d.code !== noInputs,
    ),
  );
  const issues = problems.map((d) => issueOf(ts, d, config));
  // The check emits nothing: options about output (or about a build's bookkeeping) are dropped.
  const options: TypeScript.CompilerOptions = {
    ...(command?.options ?? defaultOptions(ts)),
    noEmit: true,
    composite: false,
    incremental: false,
    declaration: false,
    emitDeclarationOnly: false,
  };
  delete options.tsBuildInfoFile;
  const declarations = (command?.fileNames ?? []).filter((f) => /\.d\.[cm]?ts$/.test(f));
  return { options, declarations, configTexts, issues, parsed: new Map() };
}

/**
 * Each tsconfig's setup, kept while its files are unchanged: checks in one process share it. The
 * most recent few are kept, each with its last program (the program holds the checker's types).
 */
const setups = new Map<string, Setup>();
const setupsKept = 4;

/** The last program of each setup: the next check reuses its module resolutions. */
const lastPrograms = new WeakMap<Setup, TypeScript.Program>();

/** One flow file's check: its issues (also cached, with what it read). */
function check(ts: typeof TypeScript, flowFile: string, setup: Setup, key: string, cacheDir: string | null) {
  const host = compilerHost(ts, setup);
  const oldProgram = lastPrograms.get(setup);
  const program = ts.createProgram({
    rootNames: [flowFile, ...setup.declarations],
    options: setup.options,
    host,
    ...(oldProgram === undefined ? {} : { oldProgram }),
  });
  lastPrograms.set(setup, program);
  const author: Array<readonly [string, string]> = [...setup.configTexts];
  const others: string[] = [];
  const issues: TypeIssue[] = [...setup.issues];
  for (const diagnostic of [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()])
    if (diagnostic.category === ts.DiagnosticCategory.Error) issues.push(issueOf(ts, diagnostic, flowFile));
  // The flow first, then the author's other files in the order the program read them.
  const files = program.getSourceFiles();
  const ordered = [
    ...files.filter((f) => f.fileName === flowFile),
    ...files.filter((f) => f.fileName !== flowFile),
  ];
  for (const file of ordered) {
    if (program.isSourceFileDefaultLibrary(file)) continue;
    if (file.isDeclarationFile || isPackageFile(file.fileName)) {
      others.push(file.fileName);
      continue;
    }
    author.push([file.fileName, file.text]);
    for (const diagnostic of [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ])
      if (diagnostic.category === ts.DiagnosticCategory.Error) issues.push(issueOf(ts, diagnostic, flowFile));
  }
  storeIssues(cacheDir, flowFile, key, checkInputs(author, others), issues);
  return issues;
}

export interface TypecheckOptions {
  /** Where relative file names start. */
  readonly cwd: string;
  /** The cache directory (default: studiokit's, as for the transpile); null: no cache. */
  readonly cacheDir?: string | null;
}

/**
 * The type errors of each TypeScript flow file (other files, and files that do not exist: none),
 * keyed by the file as given.
 * A file whose check is cached is not checked again while it, its imports, its tsconfig and the
 * declarations it read are unchanged.
 */
export function typecheckFlowFiles(
  files: readonly string[],
  options: TypecheckOptions,
): Map<string, readonly TypeIssue[]> {
  const cacheDir = options.cacheDir === undefined ? studiokitCacheDir() : options.cacheDir;
  const results = new Map<string, readonly TypeIssue[]>();
  const version = typescriptVersion();
  for (const given of files) {
    const flowFile = path.resolve(options.cwd, given);
    // A missing file has nothing to check: loading it says it is missing.
    if (!isTypeScriptFlow(given) || fs.statSync(flowFile, { throwIfNoEntry: false })?.isFile() !== true) {
      results.set(given, []);
      continue;
    }
    const config = nearestConfig(path.dirname(flowFile));
    const key = `${version}\n${config ?? "(studiokit defaults)"}`;
    const cached = cachedIssues(cacheDir, flowFile, key);
    if (cached !== undefined) {
      results.set(given, cached);
      continue;
    }
    const ts = loadTypeScript();
    let setup = setups.get(key);
    setups.delete(key);
    if (setup === undefined || setup.configTexts.some(([file, text]) => readSource(file) !== text))
      setup = setupFor(ts, config);
    setups.set(key, setup);
    for (const oldest of setups.keys()) if (setups.size > setupsKept) setups.delete(oldest);
    results.set(given, check(ts, flowFile, setup, key, cacheDir));
  }
  return results;
}

/** `file:line:column: message (TS2339)`, the file relative to `cwd`: one line, as tsc prints it. */
export function formatTypeIssue(issue: TypeIssue, cwd: string): string {
  const file = path.relative(cwd, issue.file) || issue.file;
  const at = issue.line === undefined ? file : `${file}:${issue.line}:${issue.column ?? 1}`;
  return `${at}: ${issue.message} (TS${issue.code})`;
}
