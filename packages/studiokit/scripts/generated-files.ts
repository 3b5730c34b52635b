/**
 * What the generators of checked-in files share: the text formatted as the repository formats
 * it (each file's test compares it with the file), and writing the files when a generator runs
 * as a script.
 */
import fs from "node:fs";
import path from "node:path";
import prettier from "prettier";

/** The package folder: generated files and the tsconfig the probes read are named from it. */
export const packageRoot = path.resolve(__dirname, "..");

/** `text` formatted as the repository's prettier settings say for `file`. */
export async function formatAsRepository(file: string, text: string): Promise<string> {
  const options = await prettier.resolveConfig(file);
  return prettier.format(text, { ...options, filepath: file });
}

/** Writes each generated file (file → text) and names it. */
export function writeGenerated(files: ReadonlyMap<string, string>): void {
  for (const [file, text] of files) {
    fs.writeFileSync(file, text);
    process.stdout.write(`wrote ${path.relative(packageRoot, file)}\n`);
  }
}
