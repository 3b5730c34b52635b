import fs from "node:fs";
import path from "node:path";

/** An author's tsconfig.json: strict, NodeNext modules, no ambient @types. */
export const authorTsconfig = {
  compilerOptions: {
    target: "ES2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [] as string[],
  },
};

/**
 * A throw-away project of an author's with its own tsconfig.json and `files` (relative path →
 * text), inside the repository (test/.generated) so that `studiokit` resolves to the built
 * package, its declarations in dist/, as in a user's project. The caller removes it.
 */
export function authorProject(prefix: string, files: Record<string, string> = {}): string {
  const generated = path.resolve(__dirname, "..", ".generated");
  fs.mkdirSync(generated, { recursive: true });
  const dir = fs.mkdtempSync(path.join(generated, prefix));
  const all = { "tsconfig.json": JSON.stringify(authorTsconfig, null, 2), ...files };
  for (const [name, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
