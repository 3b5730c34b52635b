#!/usr/bin/env node
"use strict";
// The published command: the bundle of the command in dist/bin/ (`npm run build` writes it; see
// scripts/build-cli.mjs), which starts faster than tsc's output of the same sources in dist/cli/.
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
