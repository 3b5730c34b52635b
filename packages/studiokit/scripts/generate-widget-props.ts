/**
 * Writes src/builder/widget-props.ts: one `XxxProps` interface per widget type, camelCase keys
 * carrying the TSDoc of the definition room's schemas (a mapped type that renames keys loses it),
 * each prop's type written out as the checker resolves `Prop<type, key>` (plain TypeScript, so a
 * flow's check never instantiates zod's input types to read a widget's props).
 * Run: npx tsx scripts/generate-widget-props.ts
 * test/builder/widget-props.test.ts fails when the file is stale; the type test checks each
 * interface against the props derived from the schemas.
 */
import path from "node:path";
import ts from "typescript";
import {
  consoleDefaults,
  propertyDefaultsOf,
  widgetSpecs,
  widgetTypes,
  type WidgetType,
} from "../src/definition";
import { camelCase } from "../src/builder";
import { formatAsRepository, packageRoot as root, writeGenerated } from "./generated-files";
import { checkProbe } from "./type-probe";

export const widgetPropsFile = path.join(root, "src", "builder", "widget-props.ts");
const probeFile = path.join(root, "src", "builder", "__widget-props-probe.ts");
const propsOf = (type: WidgetType) =>
  Object.keys(widgetSpecs[type].properties.shape).filter((key) => key !== "offset");
/** How the probe names a prop's type, and the key of its resolved text. */
const propType = (type: WidgetType, key: string) => `Prop<${JSON.stringify(type)}, ${JSON.stringify(key)}>`;
const propTypes = widgetTypes
  .filter((t) => t !== "trigger")
  .flatMap((type) => propsOf(type).map((key) => propType(type, key)));
const probe = `import { type widgetSpecs } from "../definition";
import { type Prop } from "./derived-props";
import { type Text } from "./ref";
export type Shapes = { [T in keyof typeof widgetSpecs]: (typeof widgetSpecs)[T]["properties"]["shape"] };
${propTypes.map((t, i) => `export type P${i} = ${t};`).join("\n")}\n`;

interface Doc {
  text: string;
  tags: ts.JSDocTagInfo[];
}

interface Read {
  /** The TSDoc the definition room wrote on each property schema. */
  readonly docs: Map<WidgetType, Map<string, Doc>>;
  /** `Prop<"type", "key">` → the type it resolves to, as TypeScript source. */
  readonly types: Map<string, string>;
}

/** The schemas' TSDoc and each prop's resolved type, read through the type checker. */
function readSchemas(): Read {
  const { checker, source } = checkProbe(probeFile, probe);
  const [alias, ...props] = source.statements.filter(ts.isTypeAliasDeclaration);
  const shapes = checker.getTypeAtLocation(alias!.name);
  const docs = new Map<WidgetType, Map<string, Doc>>();
  for (const type of widgetTypes) {
    const shape = checker.getTypeOfSymbol(shapes.getProperty(type)!);
    const byKey = new Map<string, Doc>();
    for (const prop of shape.getProperties())
      byKey.set(prop.name, {
        text: ts.displayPartsToString(prop.getDocumentationComment(checker)),
        tags: prop.getJsDocTags(checker),
      });
    docs.set(type, byKey);
  }
  const types = new Map<string, string>();
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;
  props.forEach((declaration, i) => {
    const text = checker.typeToString(checker.getTypeFromTypeNode(declaration.type), source, flags);
    // Only `Text` is imported by the generated file: any other named type would not resolve there.
    if (/\bimport\(|\b(Prop|Ref|OpenRef|Loose)\b/.test(text))
      throw new Error(`${propTypes[i]} resolves to ${text}, which widget-props.ts cannot name`);
    types.set(propTypes[i]!, text);
  });
  return { docs, types };
}

/** The keys the compiler writes (the console's defaults): optional props. */
const consoleDefaultsOf = (type: WidgetType): Readonly<Record<string, unknown>> =>
  (consoleDefaults as Partial<Record<WidgetType, Readonly<Record<string, unknown>>>>)[type] ?? {};

const pascal = (type: string) => type.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
export const propsInterfaceName = (type: WidgetType) => `${pascal(type)}Props`;

function docComment(type: WidgetType, key: string, optional: boolean, doc: Doc) {
  const lines = doc.text ? doc.text.split("\n") : [];
  lines.push(`Studio property \`${key}\`.`);
  const written = consoleDefaultsOf(type);
  const studio = propertyDefaultsOf(type);
  if (key in written)
    lines.push(`@default ${JSON.stringify(written[key])} (the compiler writes it, as the console does)`);
  else if (key in studio) lines.push(`@default ${JSON.stringify(studio[key])}`);
  else if (optional) lines.push("@default not written");
  for (const tag of doc.tags) lines.push(`@${tag.name} ${ts.displayPartsToString(tag.text)}`.trimEnd());
  return `/**\n${lines.map((l) => ` * ${l}`.trimEnd()).join("\n")}\n */`;
}

/** The generated file's text, formatted as the repository formats code. */
export async function generateWidgetProps(): Promise<string> {
  const { docs, types: resolved } = readSchemas();
  const types = widgetTypes.filter((t) => t !== "trigger");
  const out: string[] = [
    "// Generated by scripts/generate-widget-props.ts from the definition room's widget specs; do not edit.",
    'import { type CommonProps } from "./props";',
    'import { type Text } from "./ref";',
    "",
  ];
  for (const type of types) {
    const spec = widgetSpecs[type];
    const shape = spec.properties.shape as Record<
      string,
      { safeParse(value: unknown): { success: boolean } }
    >;
    const defaults = consoleDefaultsOf(type);
    out.push(
      `/** Props of \`${type}\` (${spec.label}). */`,
      `export interface ${propsInterfaceName(type)} extends CommonProps {`,
    );
    for (const key of propsOf(type)) {
      const optional = key in defaults || shape[key]!.safeParse(undefined).success;
      const written = resolved.get(propType(type, key))!;
      out.push(docComment(type, key, optional, docs.get(type)?.get(key) ?? { text: "", tags: [] }));
      out.push(`readonly ${camelCase(key)}${optional ? "?" : ""}: ${written};`);
    }
    out.push("}", "");
  }
  out.push(
    "/** Every widget type's props interface, keyed by Studio's type string. */",
    "export interface WidgetPropsByType {",
  );
  for (const type of types) out.push(`"${type}": ${propsInterfaceName(type)};`);
  out.push("}", "");
  return formatAsRepository(widgetPropsFile, out.join("\n"));
}

if (require.main === module)
  void generateWidgetProps().then((text) => writeGenerated(new Map([[widgetPropsFile, text]])));
