#!/usr/bin/env node
"use strict";
// `npm test`: builds the studiokit package (incremental; its CLI and the Pulumi plugin load the
// built JavaScript, as in a user's project), runs both vitest projects, then prints the plain
// closing line CI reads (`N passed, N failed`), counted from vitest's JSON report rather than
// scraped from its console output.
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const report = path.join(root, ".vitest-report.json");
fs.rmSync(report, { force: true });

const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) {
  process.stdout.write("0 passed, 1 failed\n");
  process.exit(1);
}

const args = [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const child = spawn("npx", args, { cwd: root, stdio: "inherit" });
child.on("exit", (code, signal) => {
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(fs.readFileSync(report, "utf8"));
    passed = json.numPassedTests;
    failed = json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0);
    // A file that fails to load counts as a failure even when it never reached a test.
    failed += json.testResults.filter((r) => r.status === "failed" && r.assertionResults.length === 0).length;
  } catch {
    failed = Math.max(failed, 1);
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = code === 0 && failed === 0 && passed > 0 ? 0 : code || 1;
  if (signal) process.exitCode = 1;
});
