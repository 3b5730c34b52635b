import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { validateDefinition, validateWidget, type ValidationIssue } from "../src/validator";
import { realFlows, realFlowsDir, realWidgets, type Fixture } from "../test/support/fixtures";
import { median, sample } from "./stats";

const runs = 25;
const warmup = 3;
interface Input extends Fixture {
  readonly validate: (json: unknown) => ValidationIssue[];
}

function validateAll(inputs: readonly Input[]): ValidationIssue[][] {
  return inputs.map((input) => input.validate(input.json));
}

function byCode(issues: readonly ValidationIssue[]): string {
  const counts = new Map<string, number>();
  for (const issue of issues) counts.set(issue.code, (counts.get(issue.code) ?? 0) + 1);
  return [...counts].map(([code, n]) => `${code} ×${n}`).join(", ") || "-";
}

/** `npm run bench -- validate-real`: validate every file of test/fixtures/real, time it, count the issues. */
export function run(): void {
  if (!fs.existsSync(realFlowsDir)) {
    process.stdout.write(`validate-real: ${realFlowsDir} not found (it sits beside the checkout); skipped\n`);
    return;
  }
  const inputs: Input[] = [
    ...realFlows().map((fixture) => ({ ...fixture, validate: validateDefinition })),
    ...realWidgets().map((fixture) => ({ ...fixture, validate: validateWidget })),
  ];
  const flows = inputs.filter((i) => !i.file.startsWith("widgets/")).length;
  const start = performance.now();
  const results = validateAll(inputs);
  const first = performance.now() - start;
  const { times } = sample(runs, warmup, () => validateAll(inputs));
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  process.stdout.write(
    `validate-real: ${flows} flows + ${inputs.length - flows} widget fixtures: first run ${ms(first)} ` +
      `(cold Liquid cache); median of ${runs} runs ${ms(median(times))} (min ${ms(Math.min(...times))})\n`,
  );
  const width = Math.max(...inputs.map((i) => i.file.length));
  process.stdout.write(`  ${"file".padEnd(width)}  errors  warnings  issues by code\n`);
  inputs.forEach((input, i) => {
    const issues = results[i] ?? [];
    const errors = issues.filter((issue) => issue.severity === "error").length;
    process.stdout.write(
      `  ${input.file.padEnd(width)}  ${String(errors).padStart(6)}  ${String(issues.length - errors).padStart(8)}  ${byCode(issues)}\n`,
    );
  });
}
