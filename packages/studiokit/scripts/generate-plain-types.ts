/**
 * Writes the plain-TypeScript copies of the types the builder, compiler and validator declare in
 * their public signatures: src/definition/types.ts (the flow definition, widget types, events,
 * outputs and console defaults) and src/validator/issue-types.ts (an issue as data). Each type is
 * written out as the checker resolves it from the zod schemas, so the declarations a flow file's
 * type check reads through `import … from "studiokit"` never reach zod's (~95 files).
 * Run: npx tsx scripts/generate-plain-types.ts
 * test/definition/types.test.ts fails when a file is stale; the type tests
 * (test/definition/types.test-d.ts, test/validator/issue-types.test-d.ts) check each type against
 * the schema-derived one.
 */
import path from "node:path";
import ts from "typescript";
import { formatAsRepository, packageRoot, writeGenerated } from "./generated-files";
import { checkProbe } from "./type-probe";

interface Entry {
  readonly name: string;
  /** The schema-derived type, in the probe's terms. */
  readonly derived: string;
  readonly doc: string;
}

interface Target {
  readonly file: string;
  /** The probe's imports, relative to the target's folder. */
  readonly probeImports: string;
  /** The generated file's lines before the types (imports, re-exports). */
  readonly head: readonly string[];
  /** Named types the generated text uses where their resolved text appears: name → derived type. */
  readonly known: Readonly<Record<string, string>>;
  readonly entries: readonly Entry[];
  /** Lines after the types. */
  readonly tail: readonly string[];
}

const S = "(typeof widgetSpecs)";
const targets: readonly Target[] = [
  {
    file: path.join(packageRoot, "src", "definition", "types.ts"),
    probeImports: `import { type z } from "zod";
import { type conditionSchema, type conditionTypeSchema, type flagsSchema, type flowDefinitionSchema,
  type offsetSchema, type stateSchema, type transitionSchema, type widgetSpecs, type DerivedConsoleDefaults } from ".";`,
    head: [
      "/**",
      " * The definition room's narrow door for types: what the builder, compiler and validator name in",
      " * their declarations, as plain TypeScript (their check never loads zod's declaration files).",
      " */",
      'export type { OutputShape } from "./output-shape";',
      'export { contextShapes, type TriggerEvent } from "./context";',
    ],
    known: {},
    entries: [
      {
        name: "Offset",
        derived: "z.output<typeof offsetSchema>",
        doc: "Canvas position in the Studio editor.",
      },
      {
        name: "ConditionType",
        derived: "z.output<typeof conditionTypeSchema>",
        doc: "The condition types of Split Based On, spelt as Studio writes them.",
      },
      {
        name: "Condition",
        derived: "z.output<typeof conditionSchema>",
        doc: "One condition of a `match` transition.",
      },
      {
        name: "Transition",
        derived: "z.output<typeof transitionSchema>",
        doc: "One of a widget's transitions.",
      },
      {
        name: "State",
        derived: "z.output<typeof stateSchema>",
        doc: 'One widget ("state" in Studio\'s JSON).',
      },
      { name: "Flags", derived: "z.output<typeof flagsSchema>", doc: "The flow's `flags`." },
      {
        name: "FlowDefinition",
        derived: "z.output<typeof flowDefinitionSchema>",
        doc: "Studio's flow-definition JSON.",
      },
      {
        name: "WidgetType",
        derived: `keyof ${S}`,
        doc: "Every widget type studiokit knows, spelt as Studio spells it.",
      },
      {
        name: "WidgetEvents",
        derived: `{ [T in keyof ${S}]: ${S}[T]["events"][number] }`,
        doc: "The legal transition events of each widget type.",
      },
      {
        name: "WidgetOutputs",
        derived: `{ [T in keyof ${S}]: ${S}[T]["outputs"] }`,
        doc: "What each widget type writes under `widgets.NAME.*`.",
      },
      {
        name: "OpenOutputsWidgetType",
        derived: `{ [T in keyof ${S}]: ${S}[T]["openOutputs"] extends true ? T : never }[keyof ${S}]`,
        doc: "The widget types whose keys under `widgets.NAME` are the run's, beside their outputs.",
      },
      {
        name: "ConsoleDefaults",
        derived:
          "{ [T in keyof DerivedConsoleDefaults]: { [K in keyof DerivedConsoleDefaults[T]]: DerivedConsoleDefaults[T][K] } }",
        doc: "What Studio's console writes into a new widget (`consoleDefaults`).",
      },
    ],
    tail: [
      "/** The legal transition events of a widget type. */",
      "export type WidgetEvent<T extends WidgetType> = WidgetEvents[T];",
    ],
  },
  {
    file: path.join(packageRoot, "src", "validator", "issue-types.ts"),
    probeImports: `import { type z } from "zod";
import { type IssueCode } from "./codes";
import { type severitySchema, type validationIssueSchema } from "./issue-schema";`,
    head: ['import { type IssueCode } from "./codes";'],
    known: { IssueCode: "IssueCode" },
    entries: [
      {
        name: "Severity",
        derived: "z.output<typeof severitySchema>",
        doc: "An issue's severity (codes.ts).",
      },
      {
        name: "ValidationIssue",
        derived: "z.output<typeof validationIssueSchema>",
        doc: "One problem the validator found, as data (`validationIssueSchema`).",
      },
    ],
    tail: [],
  },
];

const script = "scripts/generate-plain-types.ts";
export const plainTypeFiles = targets.map((t) => t.file);

/** Each entry's type as the checker writes it, named types it contains replaced by their names. */
function resolve(target: Target): string[] {
  const probeFile = path.join(path.dirname(target.file), "__plain-types-probe.ts");
  const named = [...Object.entries(target.known), ...target.entries.map((e) => [e.name, e.derived] as const)];
  const probe = `${target.probeImports}\n${named.map(([, derived], i) => `export type P${i} = ${derived};`).join("\n")}\n`;
  const { checker, source } = checkProbe(probeFile, probe);
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias;
  const texts = source.statements
    .filter(ts.isTypeAliasDeclaration)
    .map((d) => checker.typeToString(checker.getTypeAtLocation(d.name), source, flags));
  const names: Array<{ name: string; text: string }> = [];
  return named
    .map(([name], i) => {
      let text = texts[i]!;
      // The longest first: a type's text may contain a shorter one's.
      for (const earlier of [...names].sort((a, b) => b.text.length - a.text.length))
        text = text.split(earlier.text).join(earlier.name);
      if (/\bimport\(|\bz\./.test(text))
        throw new Error(`${name} resolves to ${text}, which is not plain TypeScript`);
      names.push({ name, text: texts[i]! });
      // The outputs of a widget that writes none: `{}` to the checker, the same type spelt so lint accepts it.
      return text.replaceAll("{}", "Record<never, never>");
    })
    .slice(Object.keys(target.known).length);
}

/** The generated files' texts, formatted as the repository formats code: file → text. */
export async function generatePlainTypes(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const target of targets) {
    const texts = resolve(target);
    const lines = [
      `// Generated by ${script} from the zod schemas; do not edit.`,
      ...target.head,
      "",
      ...target.entries.flatMap((e, i) => [`/** ${e.doc} */`, `export type ${e.name} = ${texts[i]};`, ""]),
      ...target.tail,
    ];
    out.set(target.file, await formatAsRepository(target.file, lines.join("\n")));
  }
  return out;
}

if (require.main === module) void generatePlainTypes().then(writeGenerated);
