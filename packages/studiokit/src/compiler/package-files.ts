import fs from "node:fs";
import type * as TypeScript from "typescript";

/*
 * The parsed declaration files of packages (everything under node_modules, TypeScript's own lib
 * files included), shared by every type check in the process: two projects that resolve the same
 * @types/node or studiokit parse it once. A file is parsed again when its size or change time
 * changes (an `npm install` while `studiokit dev` runs), or when a check would parse it
 * differently: the compiler options TypeScript's own document registry keys its files by, and
 * the module format the file is read in.
 */

interface Entry {
  /** The file's size and change time when it was read: npm gives every file one modification time. */
  readonly size: number;
  readonly ctimeMs: number;
  readonly file: TypeScript.SourceFile;
}

let registry: TypeScript.DocumentRegistry | undefined;

/** What of `options` changes how a file parses, in the document registry's words (once per program). */
export function optionsKey(ts: typeof TypeScript, options: TypeScript.CompilerOptions): string {
  registry ??= ts.createDocumentRegistry();
  return registry.getKeyForCompilationSettings(options);
}

/** The options' key plus what the host decides per file. */
function parseKey(
  options: string,
  how: TypeScript.ScriptTarget | TypeScript.CreateSourceFileOptions,
): string {
  if (typeof how !== "object") return `${options}|${how}`;
  return `${options}|${how.languageVersion}|${how.impliedNodeFormat ?? ""}|${how.jsDocParsingMode ?? ""}`;
}

/** Parsed package files, at most `bound` characters of source text; the least recently used go first. */
export class PackageFiles {
  private readonly entries = new Map<string, Entry>();
  private characters = 0;
  private parsed = 0;

  constructor(readonly bound: number) {}

  /** `fileName` parsed as `options` (an `optionsKey`) and `how` say, from an earlier check when the file is unchanged. */
  get(
    ts: typeof TypeScript,
    fileName: string,
    options: string,
    how: TypeScript.ScriptTarget | TypeScript.CreateSourceFileOptions,
    read: (file: string) => string | undefined,
  ): TypeScript.SourceFile | undefined {
    const id = `${parseKey(options, how)}\n${fileName}`;
    const stat = fs.statSync(fileName, { throwIfNoEntry: false });
    if (stat === undefined) return undefined;
    const known = this.entries.get(id);
    if (known !== undefined) {
      this.entries.delete(id);
      this.characters -= known.file.text.length;
      if (known.size === stat.size && known.ctimeMs === stat.ctimeMs) return this.keep(id, known);
    }
    const text = read(fileName);
    if (text === undefined) return undefined;
    this.parsed++;
    return this.keep(id, {
      size: stat.size,
      ctimeMs: stat.ctimeMs,
      file: ts.createSourceFile(fileName, text, how),
    });
  }

  /** Files and characters kept, and how many files were parsed in all. */
  get size(): { files: number; characters: number; parsed: number } {
    return { files: this.entries.size, characters: this.characters, parsed: this.parsed };
  }

  private keep(id: string, entry: Entry): TypeScript.SourceFile {
    this.entries.set(id, entry);
    this.characters += entry.file.text.length;
    for (const [oldest, { file }] of this.entries) {
      if (this.characters <= this.bound || oldest === id) break;
      this.entries.delete(oldest);
      this.characters -= file.text.length;
    }
    return entry.file;
  }
}

/** The process's package files: a project's declarations come to a few million characters. */
export const packageFiles = new PackageFiles(64 * 1024 * 1024);
