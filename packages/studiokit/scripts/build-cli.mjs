#!/usr/bin/env node
// Bundles the command (src/cli/main.ts) into dist/bin/, which bin/studiokit.js runs: one file for
// start-up and one chunk per command, loaded when it runs. A bundle starts faster than tsc's
// output: one file to read instead of ~170, and zod without the 60 locale files its entry points
// load (zod declares itself free of side effects, so the bundler keeps only the English messages
// the kit uses). The library entry points stay tsc's output in dist/.
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = path.join(root, "src");
const outDir = path.join(root, "dist", "bin");

/**
 * The packages the command loads from node_modules rather than from the bundle: large ones only
 * some commands load (TypeScript, Pulumi, Twilio's client, the YAML and Liquid parsers,
 * prettier), and studiokit itself, which the Pulumi plugin process requires by name.
 */
const external = [
  /^node:/,
  ...builtinModules,
  ...["typescript", "@pulumi/pulumi", "twilio", "js-yaml", "yaml", "liquidjs", "prettier", "studiokit"].map(
    (name) => new RegExp(`^${name.replace(/[/.]/g, "\\$&")}(/|$)`),
  ),
];

/**
 * Every module in the bundle sees the `__dirname` its tsc copy has (dist/<room>/…), so the files
 * found beside it (the dev page, the preview's language host, the kit's own stack frames) are
 * found from the bundle too. The kit uses `__dirname` only as the first argument of a
 * path.join/path.resolve call, which is all this rewrites.
 */
const tscDirname = {
  name: "studiokit-tsc-dirname",
  transform(code, id) {
    if (!id.startsWith(src + path.sep) || !code.includes("__dirname")) return null;
    const relative = path.relative(outDir, path.join(root, "dist", path.relative(src, path.dirname(id))));
    const dir = `require("node:path").join(__dirname, ${JSON.stringify(relative.split(path.sep).join("/"))})`;
    return { code: code.replace(/(?<=\()__dirname(?=[,)])/g, dir), map: null };
  },
};

await build({
  // `studiokit`: the library's main entry from the same chunks, which bin/studiokit.js hands to the
  // flow modules a command loads, so they share the command's builder instead of loading tsc's copy.
  input: { cli: path.join(src, "cli", "main.ts"), studiokit: path.join(src, "index.ts") },
  platform: "node",
  external,
  plugins: [tscDirname],
  treeshake: { moduleSideEffects: (id) => id !== path.join(src, "compiler", "reading.ts") },
  logLevel: "warn",
  output: {
    dir: outDir,
    format: "cjs",
    entryFileNames: "[name].js",
    chunkFileNames: "[name]-[hash].js",
    cleanDir: true,
  },
});
