import { z } from "zod";
import { functionMockSchema, httpMockSchema } from "../../engine";
import { expectationSchema, scenarioFileSchema, scenarioTriggerSchema, stepSchema } from "./schema";

type JsonSchema = Record<string, unknown>;

/**
 * What zod's refinements check, said in JSON Schema where it can be, so an editor flags it too:
 * a step has one key, an expectation at least one, a mock `status` or `responses`, and a trigger
 * takes Twilio's webhook parameters (capitalised) beside its own keys.
 */
function refinements(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: JsonSchema }): void {
  const { zodSchema, jsonSchema } = ctx;
  if (zodSchema === stepSchema) Object.assign(jsonSchema, { minProperties: 1, maxProperties: 1 });
  else if (zodSchema === expectationSchema) jsonSchema["minProperties"] = 1;
  else if (zodSchema === httpMockSchema || zodSchema === functionMockSchema)
    jsonSchema["oneOf"] = [
      { required: ["status"], not: { required: ["responses"] } },
      {
        required: ["responses"],
        not: { anyOf: ["status", "body", "headers", "delay"].map((key) => ({ required: [key] })) },
      },
    ];
  else if (zodSchema === scenarioTriggerSchema) {
    jsonSchema["patternProperties"] = {
      "^[A-Z]": { type: "string", description: "a Twilio webhook parameter" },
    };
    jsonSchema["additionalProperties"] = false;
  }
}

/**
 * The JSON Schema (draft 7, what editors' YAML support reads) of `*.scenarios.yaml`, generated
 * from `scenarioFileSchema`. The package ships it as `studiokit/scenarios.schema.json`
 * (scripts/generate-scenarios-schema.ts writes it); a scenario file names it with
 * `# yaml-language-server: $schema=…`.
 */
export function scenarioJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(scenarioFileSchema, {
    target: "draft-7",
    io: "input",
    unrepresentable: "any",
    override: refinements,
  }) as JsonSchema;
  return {
    $schema: schema["$schema"],
    title: "studiokit scenario file (*.scenarios.yaml)",
    description: "Conversations a Studio flow must have, run by `studiokit test`; see docs/scenarios.md.",
    ...schema,
  };
}
