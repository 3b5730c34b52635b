#!/usr/bin/env node
"use strict";
// The published command: the built JavaScript in dist/ (`npm run build` writes it).
require("../dist/cli/main")
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(
        `studiokit: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 2;
    },
  );
