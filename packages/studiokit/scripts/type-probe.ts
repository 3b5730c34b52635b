/**
 * The type checker's view of a probe: a module that exists only in memory at `probeFile` (inside
 * src/, so its imports resolve as the kit's own), checked with the package's tsconfig.json. The
 * generators of plain-TypeScript types read what the schemas' types resolve to through it.
 */
import path from "node:path";
import ts from "typescript";
import { packageRoot } from "./generated-files";

/** Files the probes read besides themselves, parsed once per process (the generators and their tests read them unchanged). */
const parsed = new Map<string, ts.SourceFile>();

export function checkProbe(
  probeFile: string,
  probe: string,
): { checker: ts.TypeChecker; source: ts.SourceFile } {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(packageRoot, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error("cannot read tsconfig.json");
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language) => {
    if (path.resolve(file) === probeFile) return ts.createSourceFile(file, probe, language);
    const key = `${JSON.stringify(language)}\n${file}`;
    const known = parsed.get(key);
    if (known) return known;
    const source = getSourceFile(file, language);
    if (source) parsed.set(key, source);
    return source;
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file) === probeFile || fileExists(file);
  const program = ts.createProgram([probeFile], config.options, host);
  return { checker: program.getTypeChecker(), source: program.getSourceFile(probeFile)! };
}
