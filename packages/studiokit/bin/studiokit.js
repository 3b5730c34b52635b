#!/usr/bin/env node
"use strict";
// The published command: the built JavaScript in dist/ (`npm run build` writes it).
const cli = require("../dist/cli/main");
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
