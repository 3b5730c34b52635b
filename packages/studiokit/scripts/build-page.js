#!/usr/bin/env node
"use strict";
// Emits the dev page's browser code (src/dev/page/app.ts) as one ES module in dist/dev/page/.
// Its imports are types only (tsconfig.page.json checks them), so a transpile is the whole build.
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

const root = path.join(__dirname, "..");
const source = path.join(root, "src", "dev", "page", "app.ts");
const target = path.join(root, "dist", "dev", "page", "app.js");
const { outputText, diagnostics } = ts.transpileModule(fs.readFileSync(source, "utf8"), {
  fileName: source,
  reportDiagnostics: true,
  compilerOptions: {
    module: ts.ModuleKind.ES2022,
    target: ts.ScriptTarget.ES2022,
    verbatimModuleSyntax: true,
  },
});
if (diagnostics && diagnostics.length > 0) {
  for (const d of diagnostics)
    process.stderr.write(`${ts.flattenDiagnosticMessageText(d.messageText, "\n")}\n`);
  process.exit(1);
}
if (/^\s*import\s[^t]/m.test(outputText)) {
  process.stderr.write("src/dev/page/app.ts: the page may import types only\n");
  process.exit(1);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, outputText);
