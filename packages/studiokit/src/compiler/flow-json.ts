import { parseJsonText } from "../definition";
import { readTextFile } from "./files";

/*
 * What reading a `.json` flow file needs, without the builder or the compiler proper: the error
 * for unusable input and the file's object. `studiokit validate` on `.json` files loads this, not
 * flow-file.ts (see reading.ts, the narrow door).
 */

/**
 * A flow file that cannot be used at all (missing, not a flow, does not load): one line naming
 * the file and the fix. The CLI prints it and exits 2; the Pulumi program stops with it.
 */
export class FlowFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FlowFileError";
  }
}

/** What a value is, for a message that says what a file held instead of a flow. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * A `.json` flow file's top-level object, as written: unusable input (missing, a directory, not
 * JSON, nested too deep, not an object) throws a one-line FlowFileError naming the file.
 * `shown` is how messages name the file (see compiler/files.ts).
 */
export function readFlowJson(file: string, cwd: string): { value: object; shown: string } {
  const read = readTextFile(file, cwd, "a flow file");
  if (!("text" in read)) throw new FlowFileError(`${read.shown}: ${read.reason}`);
  const json = parseJsonText(read.text);
  if (!json.ok) throw new FlowFileError(`${read.shown}: ${json.message}`);
  if (typeof json.value !== "object" || json.value === null || Array.isArray(json.value))
    throw new FlowFileError(
      `${read.shown}: not a flow definition: the file holds ${describeValue(json.value)}, not a JSON object with states`,
    );
  return { value: json.value, shown: read.shown };
}
