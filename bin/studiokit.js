#!/usr/bin/env node
"use strict";
// Runs the TypeScript sources directly: no build step between `npm ci` and `npx studiokit`.
require("./ts-hook").register();
require("../src/cli/main")
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
