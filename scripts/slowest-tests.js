#!/usr/bin/env node
"use strict";
// `node scripts/slowest-tests.js [report] [count]`: the test files that took longest in the last
// `npm test`, read from vitest's JSON report (.vitest-report.json, written by scripts/test.js).
// A file's duration is its own run, from its first test's start to its last's end; the wall time
// of the whole suite is bounded by the longest file and by the sum divided by the workers.
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const file = process.argv[2] ?? path.join(root, ".vitest-report.json");
const count = Number(process.argv[3] ?? 10);

let report;
try {
  report = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (error) {
  process.stderr.write(
    `slowest-tests: cannot read ${file} (${error.code ?? error.message}); run npm test first\n`,
  );
  process.exit(2);
}

const files = report.testResults.map((result) => ({
  seconds: (result.endTime - result.startTime) / 1000,
  name: path.relative(root, result.name),
  tests: result.assertionResults.length,
}));
const total = files.reduce((sum, f) => sum + f.seconds, 0);
const tests = files.reduce((sum, f) => sum + f.tests, 0);
const wall = report.testResults.length
  ? (Math.max(...report.testResults.map((r) => r.endTime)) - report.startTime) / 1000
  : 0;

// A reader that stops early (`| head`) is not an error.
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
});
process.stdout.write(
  `${files.length} files, ${tests} tests, sum of file durations ${total.toFixed(1)} s, ` +
    `first start to last end ${wall.toFixed(1)} s\n`,
);
for (const f of files.sort((a, b) => b.seconds - a.seconds).slice(0, count)) {
  process.stdout.write(`${f.seconds.toFixed(1).padStart(6)} s  ${f.name} (${f.tests} tests)\n`);
}
