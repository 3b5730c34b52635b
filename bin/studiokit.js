#!/usr/bin/env node
"use strict";
// Runs the TypeScript sources directly: no build step between `npm ci` and `npx studiokit`.
// transpileOnly keeps start-up fast; `npm run typecheck` is where types are checked.
require("ts-node").register({
  transpileOnly: true,
  project: require("path").join(__dirname, "..", "tsconfig.json"),
});
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
