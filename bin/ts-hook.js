"use strict";
// Loads TypeScript sources without a build step, fast: each file is transpiled once (types are
// not checked here; `npm run typecheck` does that) and the JavaScript is cached by a hash of
// its text, so later runs skip loading the TypeScript compiler at all.
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.join(__dirname, "..");
const compilerOptions = {
  module: "commonjs",
  target: "es2022",
  esModuleInterop: true,
  resolveJsonModule: true,
  inlineSourceMap: false,
};

function cacheDir() {
  for (const dir of [
    path.join(root, "node_modules", ".cache", "studiokit"),
    path.join(os.tmpdir(), "studiokit-cache"),
  ]) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
      return dir;
    } catch {
      // not writable: try the next place
    }
  }
  return undefined;
}

let typescript;
let dir;

function transpile(source, filename) {
  dir = dir === undefined ? cacheDir() || null : dir;
  const key = crypto.createHash("sha1").update(source).update(filename).digest("hex");
  const cached = dir && path.join(dir, `${key}.js`);
  if (cached) {
    try {
      return fs.readFileSync(cached, "utf8");
    } catch {
      // not cached yet
    }
  }
  typescript = typescript || require("typescript");
  const output = typescript.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      ...compilerOptions,
      module: typescript.ModuleKind.CommonJS,
      target: typescript.ScriptTarget.ES2022,
    },
  }).outputText;
  if (cached) {
    const temporary = `${cached}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temporary, output);
      fs.renameSync(temporary, cached);
    } catch {
      // a cache we cannot write only costs speed
    }
  }
  return output;
}

function register() {
  if (require.extensions[".ts"]) return;
  require.extensions[".ts"] = function loadTypeScript(module, filename) {
    module._compile(transpile(fs.readFileSync(filename, "utf8"), filename), filename);
  };
}

module.exports = { register, transpile };
