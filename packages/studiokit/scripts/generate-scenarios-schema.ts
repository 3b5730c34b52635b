/**
 * Writes schema/scenarios.schema.json, the JSON Schema of `*.scenarios.yaml` that the package
 * ships as `studiokit/scenarios.schema.json`, from the testing room's zod schema.
 * Run: npx tsx scripts/generate-scenarios-schema.ts
 * test/testing/scenario-json-schema.test.ts fails when the file is stale.
 */
import fs from "node:fs";
import path from "node:path";
import prettier from "prettier";
import { scenarioJsonSchema } from "../src/testing";

export const scenariosSchemaFile = path.resolve(__dirname, "..", "schema", "scenarios.schema.json");

/** The file's text, formatted as the repository's prettier settings say. */
export async function scenariosSchemaText(): Promise<string> {
  const options = await prettier.resolveConfig(scenariosSchemaFile);
  return prettier.format(JSON.stringify(scenarioJsonSchema()), { ...options, filepath: scenariosSchemaFile });
}

if (require.main === module)
  void scenariosSchemaText().then((text) => {
    fs.writeFileSync(scenariosSchemaFile, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), scenariosSchemaFile)}\n`);
  });
