/**
 * Writes schema/scenarios.schema.json, the JSON Schema of `*.scenarios.yaml` that the package
 * ships as `studiokit/scenarios.schema.json`, from the testing room's zod schema.
 * Run: npx tsx scripts/generate-scenarios-schema.ts
 * test/testing/scenario-json-schema.test.ts fails when the file is stale.
 */
import path from "node:path";
import { scenarioJsonSchema } from "../src/testing";
import { formatAsRepository, writeGenerated } from "./generated-files";

export const scenariosSchemaFile = path.resolve(__dirname, "..", "schema", "scenarios.schema.json");

/** The file's text, formatted as the repository's prettier settings say. */
export function scenariosSchemaText(): Promise<string> {
  return formatAsRepository(scenariosSchemaFile, JSON.stringify(scenarioJsonSchema()));
}

if (require.main === module)
  void scenariosSchemaText().then((text) => writeGenerated(new Map([[scenariosSchemaFile, text]])));
