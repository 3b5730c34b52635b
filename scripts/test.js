#!/usr/bin/env node
"use strict";
// `npm test`: the whole vitest suite, then the plain closing line CI reads (`N passed, N failed`),
// counted from vitest's JSON report rather than scraped from its console output.
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const report = path.join(__dirname, "..", ".vitest-report.json");
fs.rmSync(report, { force: true });
const args = [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const child = spawn("npx", args, { stdio: "inherit" });
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
