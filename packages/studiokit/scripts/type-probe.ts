/**
 * The type checker's view of a probe: a module that exists only in memory at `probeFile` (inside
 * src/, so its imports resolve as the kit's own), checked with the package's tsconfig.json. The
 * generators of plain-TypeScript types read what the schemas' types resolve to through it.
 */
import path from "node:path";
import ts from "typescript";

export const packageRoot = path.resolve(__dirname, "..");

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
  host.getSourceFile = (file, language) =>
    path.resolve(file) === probeFile
      ? ts.createSourceFile(file, probe, language)
      : getSourceFile(file, language);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file) === probeFile || fileExists(file);
  const program = ts.createProgram([probeFile], config.options, host);
  return { checker: program.getTypeChecker(), source: program.getSourceFile(probeFile)! };
}
