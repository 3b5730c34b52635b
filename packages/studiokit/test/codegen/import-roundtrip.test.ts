import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Flow } from "../../src/builder";
import { formatTypeScript } from "../../src/cli";
import { importFlow } from "../../src/codegen";
import { compileWithIssues } from "../../src/compiler";
import { validateDefinition } from "../../src/validator";
import {
  canonicalDefinition,
  canonicalJson,
  isWidgetType,
  parseFlowDefinition,
  widgetSpecs,
  type FlowDefinition,
  type State,
} from "../../src/definition";
import { legacyFlowFile, realFlows, realWidgets } from "../support/fixtures";

const root = path.resolve(__dirname, "..", "..");
/** Gitignored, inside the repository so tsc and eslint resolve the builder and the config. */
const generated = path.join(root, "test", ".generated", "roundtrip");

/**
 * A single-widget fixture as a minimal flow: the trigger event that suits the widget's channel
 * leads to it, and each transition target it names becomes an empty Set Variables widget.
 */
function wrapWidget(state: State): FlowDefinition {
  const channel = isWidgetType(state.type) ? widgetSpecs[state.type].channel : "any";
  const event = { voice: "incomingCall", messaging: "incomingMessage", any: "incomingRequest" }[channel];
  const targets = [...new Set(state.transitions.map((t) => t.next).filter((n): n is string => !!n))];
  const trigger: State = {
    name: "Trigger",
    type: "trigger",
    transitions: [{ event, next: state.name }],
    properties: { offset: { x: 0, y: 0 } },
  };
  return {
    description: `fixture ${state.name}`,
    states: [
      // The trigger fixture is the flow's trigger itself.
      ...(state.type === "trigger" ? [] : [trigger]),
      state,
      ...targets.map((name, i) => ({
        name,
        type: "set-variables",
        transitions: [{ event: "next" }],
        properties: { offset: { x: i * 300, y: 600 } },
      })),
    ],
    initial_state: state.type === "trigger" ? state.name : "Trigger",
    flags: { allow_concurrent_calls: true },
  };
}

interface Case {
  readonly name: string;
  readonly definition: FlowDefinition;
  readonly file: string;
  warnings: readonly string[];
}

const cases: Case[] = [
  ...realFlows()
    .filter((f) => f.file !== legacyFlowFile)
    .map((f) => {
      const parsed = parseFlowDefinition(f.json);
      if (!parsed.ok) throw new Error(`${f.file} does not parse`);
      return { name: f.file, definition: parsed.value };
    }),
  ...realWidgets().map((f) => ({ name: f.file, definition: wrapWidget(f.json as State) })),
].map((c, i) => ({ ...c, file: path.join(generated, `flow${String(i).padStart(2, "0")}.ts`), warnings: [] }));

beforeAll(async () => {
  fs.rmSync(generated, { recursive: true, force: true });
  fs.mkdirSync(generated, { recursive: true });
  for (const c of cases) {
    const imported = importFlow(c.definition, {
      source: c.name,
    });
    c.warnings = imported.warnings;
    fs.writeFileSync(c.file, (await formatTypeScript(imported.code, c.file)).code);
  }
}, 60_000);

// Removed afterwards: a stale module would fail `npm run typecheck` once the builder changes.
afterAll(() => fs.rmSync(generated, { recursive: true, force: true }));

describe("import round trip over every real flow and widget fixture", () => {
  it("has every fixture (18 v2 flows, 21 widgets)", () => {
    expect(cases).toHaveLength(39);
  });

  // compileWithIssues, not compile: two real flows read widgets that do not exist, which the
  // validator calls an error. Importing must keep those issues, and add none.
  it.each(cases.map((c) => [c.name, c] as const))("%s compiles back to the same JSON", async (_name, c) => {
    const module = (await import(c.file)) as { default: Flow };
    const { definition, issues } = compileWithIssues(module.default);
    expect(canonicalJson(definition)).toBe(canonicalJson(c.definition));
    expect(issues).toEqual(validateDefinition(canonicalDefinition(c.definition)));
  });

  it("gives no warnings for any fixture", () => {
    expect(cases.filter((c) => c.warnings.length > 0).map((c) => [c.name, c.warnings])).toEqual([]);
  });

  it("generates modules that type-check (one tsc run over all of them)", async () => {
    const tsconfig = path.join(generated, "tsconfig.json");
    fs.writeFileSync(
      tsconfig,
      JSON.stringify({ extends: "../../../tsconfig.json", include: ["*.ts"], exclude: [] }),
    );
    const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
    const result = await promisify(execFile)(process.execPath, [tsc, "--noEmit", "-p", tsconfig], {
      cwd: root,
    }).then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe("");
  }, 120_000);

  it("generates modules that pass eslint and prettier", async () => {
    const results = await new ESLint({ cwd: root }).lintFiles(cases.map((c) => c.file));
    expect(
      results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}: ${m.message}`)),
    ).toEqual([]);
    const prettier = await import("prettier");
    for (const c of cases) {
      const options = { ...(await prettier.resolveConfig(c.file)), filepath: c.file };
      expect(await prettier.check(fs.readFileSync(c.file, "utf8"), options)).toBe(true);
    }
  }, 60_000);
});
