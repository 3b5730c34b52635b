import fs from "node:fs";
import path from "node:path";
import { openApiDir } from "./fixtures";

/*
 * A small OpenAPI 3 response checker over test/fixtures/twilio-oai. Twilio's response schemas declare
 * no `required` list, but Twilio always sends every declared field, so every declared property
 * must be present and no undeclared one may appear. Types, nullability, enums, SID patterns,
 * lengths and date-time/uri formats are checked recursively.
 */

interface Schema {
  type?: string;
  $ref?: string;
  nullable?: boolean | undefined;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  minimum?: number;
}

interface Operation {
  operationId: string;
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const specFiles = ["twilio_studio_v2.json", "twilio_conversations_v1.json"];
const specs: Spec[] = specFiles.map(
  (f) => JSON.parse(fs.readFileSync(path.join(openApiDir, f), "utf8")) as Spec,
);

export interface SpecOperation {
  readonly spec: Spec;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly operation: Operation;
}

const operations: SpecOperation[] = specs.flatMap((spec) =>
  Object.entries(spec.paths).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([m]) => ["get", "post", "delete"].includes(m))
      .map(([m, op]) => ({
        spec,
        operationId: op.operationId,
        method: m.toUpperCase(),
        path: p,
        operation: op,
      })),
  ),
);

/** The spec operation for a method and a path template such as `/v2/Flows/{Sid}`. */
export function operationFor(method: string, template: string): SpecOperation | undefined {
  return operations.find((o) => o.method === method && o.path === template);
}

/** The form parameters a spec operation takes (its `application/x-www-form-urlencoded` body). */
export function formFields(method: string, template: string): string[] {
  const body = operationFor(method, template)?.operation.requestBody;
  return Object.keys(body?.content?.["application/x-www-form-urlencoded"]?.schema?.properties ?? {});
}

function resolve(spec: Spec, schema: Schema): Schema {
  let s = schema;
  while (s.$ref) {
    const name = s.$ref.replace("#/components/schemas/", "");
    const target = spec.components.schemas[name];
    if (!target) throw new Error(`unresolvable $ref ${s.$ref}`);
    // The generator drops `nullable` on enum $refs, yet the spec's own examples answer null
    // there (service webhook configuration `fetchEmpty`: "method": null); null is allowed.
    s = { ...target, nullable: s.nullable ?? target.nullable ?? target.enum !== undefined };
  }
  return s;
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function check(spec: Spec, schema: Schema, value: unknown, at: string, problems: string[]): void {
  const s = resolve(spec, schema);
  if (value === null) {
    if (!s.nullable) problems.push(`${at}: null but the schema is not nullable`);
    return;
  }
  if (value === undefined) return void problems.push(`${at}: missing`);
  const actual = typeOf(value);
  if (s.type && !(s.type === actual || (s.type === "number" && actual === "integer")))
    problems.push(`${at}: ${actual} where the schema says ${s.type}`);
  if (s.enum && !s.enum.includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} not in enum ${s.enum.join("|")}`);
  if (typeof value === "string") {
    if (s.pattern && !new RegExp(s.pattern).test(value))
      problems.push(`${at}: "${value}" does not match ${s.pattern}`);
    if (s.minLength !== undefined && value.length < s.minLength)
      problems.push(`${at}: shorter than ${s.minLength}`);
    if (s.maxLength !== undefined && value.length > s.maxLength)
      problems.push(`${at}: longer than ${s.maxLength}`);
    if (s.format === "date-time" && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(value))
      problems.push(`${at}: "${value}" is not a date-time like 2017-11-06T12:00:00Z`);
    if (s.format === "uri" && !/^https?:\/\//.test(value)) problems.push(`${at}: "${value}" is not a URI`);
  }
  if (typeof value === "number" && s.minimum !== undefined && value < s.minimum)
    problems.push(`${at}: ${value} below minimum ${s.minimum}`);
  if (Array.isArray(value) && s.items)
    value.forEach((v, i) => check(spec, s.items!, v, `${at}[${i}]`, problems));
  if (s.properties && actual === "object") {
    const object = value as Record<string, unknown>;
    for (const [key, sub] of Object.entries(s.properties))
      check(spec, sub, object[key], `${at}.${key}`, problems);
    for (const key of Object.keys(object))
      if (!(key in s.properties)) problems.push(`${at}.${key}: not declared in the schema`);
  }
}

/**
 * Problems with a response for `operationId`: the status must be one the operation declares and
 * the body must fit its JSON schema (a 204 must have no body). Returns [] when it conforms.
 */
export function specProblems(operationId: string, status: number, body: unknown): string[] {
  const op = operations.find((o) => o.operationId === operationId);
  if (!op) return [`no operation ${operationId} in the specs`];
  const response = op.operation.responses[String(status)];
  if (!response)
    return [
      `${operationId}: status ${status} is not one of ${Object.keys(op.operation.responses).join(", ")}`,
    ];
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) return body === undefined ? [] : [`${operationId}: ${status} should have no body`];
  const problems: string[] = [];
  check(op.spec, schema, body, operationId, problems);
  return problems;
}
