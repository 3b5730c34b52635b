import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maxNestingDepth, nestingProblem, parseJsonText } from "../../src/definition";

/** `depth` objects nested under `a` keys, the innermost holding a number. */
function nestedObject(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** JSON text of `nestedObject(depth)`, built without a recursive JSON.stringify. */
const nestedObjectText = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

/** JSON text of `depth` arrays nested in one another, without building the value. */
const nestedArrayText = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

describe("parseJsonText", () => {
  it.each([
    ['{"a": 1,}', 'invalid JSON at line 1, column 9: expected a property name in double quotes, found "}"'],
    ['{"a" 1}', 'invalid JSON at line 1, column 6: expected ":" after a property name, found "1"'],
    ["[1 2]", 'invalid JSON at line 1, column 4: expected "," or "]", found "2"'],
    ['{"a": [1}', 'invalid JSON at line 1, column 9: expected "," or "]", found "}"'],
    ["{} x", 'invalid JSON at line 1, column 4: unexpected "x" after the JSON value'],
    ['{\n  "a": "open', "invalid JSON at line 2, column 8: a string that is never closed starts here"],
    ['{"a": "\\q"}', "invalid JSON at line 1, column 8: unknown escape in a string"],
    ['["\\u12"]', "invalid JSON at line 1, column 3: \\u is not followed by four hex digits"],
    ['["a\tb"]', "invalid JSON at line 1, column 4: control character U+0009 in a string"],
    ["[01]", 'invalid JSON at line 1, column 3: expected "," or "]", found "1"'],
    ["[-]", 'invalid JSON at line 1, column 2: unexpected "-" where a value should be'],
    ['{"a": tru}', 'invalid JSON at line 1, column 7: unexpected "t" where a value should be'],
    ["", "invalid JSON at line 1, column 1: the text ends before the JSON does"],
    ['{"a": [', "invalid JSON at line 1, column 8: the text ends before the JSON does"],
    ["\uFEFF{}", "invalid JSON at line 1, column 1: unexpected U+FEFF where a value should be"],
    [
      "[\u0000\u00ff\u001b[31m]",
      "invalid JSON at line 1, column 2: unexpected U+0000 where a value should be",
    ],
    ["\r\n\r\n  ]", 'invalid JSON at line 3, column 3: unexpected "]" where a value should be'],
  ])("locates the error in %j without quoting the text", (text, message) => {
    expect(parseJsonText(text)).toEqual({ ok: false, message });
  });

  it("locates every syntax error JSON.parse finds, and quotes at most one printable character", () => {
    const damaged = fc
      .tuple(fc.json(), fc.nat(), fc.string({ unit: "binary", maxLength: 3 }))
      .map(([json, at, insert]) => {
        const i = at % (json.length + 1);
        return json.slice(0, i) + insert + json.slice(i + 1);
      });
    fc.assert(
      fc.property(fc.oneof(damaged, fc.string({ unit: "binary" })), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const result = parseJsonText(text);
        if (valid) return;
        expect(result.ok).toBe(false);
        const message = result.ok ? "" : result.message;
        expect(message).toMatch(/^invalid JSON at line \d+, column \d+: [^"]*(?:"[!-~]"[^"]*)*$/);
        expect(message).toMatch(/^[ -~]+$/);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([10, maxNestingDepth - 1, maxNestingDepth])("reads JSON nested %i levels", (depth) => {
    expect(parseJsonText(JSON.stringify(nestedObject(depth)))).toEqual({
      ok: true,
      value: nestedObject(depth),
    });
    expect(parseJsonText(nestedArrayText(depth)).ok).toBe(true);
  });

  it.each([maxNestingDepth + 1, 500, 5_000, 100_000])(
    "refuses JSON nested %i levels with the path of the first level too deep",
    (depth) => {
      const path = `a${".a".repeat(maxNestingDepth - 1)}`;
      const message = `nested deeper than ${maxNestingDepth} levels, studiokit's limit; flatten this value`;
      expect(parseJsonText(nestedObjectText(depth))).toEqual({
        ok: false,
        message: `${path}: ${message}`,
        problem: { path, message },
      });
      const arrays = parseJsonText(nestedArrayText(depth));
      expect(arrays.ok === false && arrays.problem?.path).toBe("[0]".repeat(maxNestingDepth));
    },
  );
});

describe("nestingProblem", () => {
  it("counts objects and arrays alike, and only them", () => {
    expect(nestingProblem("text")).toBeUndefined();
    expect(nestingProblem(nestedObject(maxNestingDepth))).toBeUndefined();
    expect(nestingProblem({ states: [{ properties: nestedObject(maxNestingDepth - 3) }] })).toBeUndefined();
    expect(nestingProblem({ states: [{ properties: nestedObject(maxNestingDepth - 2) }] })).toEqual({
      path: `states[0].properties${".a".repeat(maxNestingDepth - 3)}`,
      message: `nested deeper than ${maxNestingDepth} levels, studiokit's limit; flatten this value`,
    });
  });

  it("stops at the limit on a value that refers to itself", () => {
    const loop: Record<string, unknown> = {};
    loop["self"] = loop;
    expect(nestingProblem(loop)?.path).toBe(`self${".self".repeat(maxNestingDepth - 1)}`);
  });
});
