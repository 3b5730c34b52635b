#!/usr/bin/env node
"use strict";
// The published command: the bundle of the command in dist/bin/ (`npm run build` writes it; see
// scripts/build-cli.mjs), which starts faster than tsc's output of the same sources in dist/cli/.
const Module = require("node:module");
const path = require("node:path");

// A flow module's `import … from "studiokit"` that finds this package gets the bundle's own entry
// (same sources, same chunks as the command) rather than tsc's dist/index.js, which would load the
// whole kit a second time beside the bundle. Another copy of studiokit resolves as it always does.
const library = path.join(__dirname, "..", "dist", "index.js");
const bundled = path.join(__dirname, "..", "dist", "bin", "studiokit.js");
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (...args) {
  const found = resolveFilename.apply(this, args);
  return found === library ? bundled : found;
};

const cli = require("../dist/bin/cli");
const argv = process.argv.slice(2);
cli.installFaultHandlers(argv);
cli.main(argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${cli.faultMessage(error, argv)}\n`);
    process.exitCode = 2;
  },
);
