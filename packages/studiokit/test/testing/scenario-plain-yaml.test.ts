import fc from "fast-check";
import { CORE_SCHEMA, dump, load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { plainYaml } from "../../src/testing";

/** js-yaml's reading of a text (as parse.ts asks for it), or the error it throws. */
function jsYaml(text: string): { value: unknown } | { error: unknown } {
  try {
    return { value: load(text, { schema: CORE_SCHEMA }) };
  } catch (error) {
    return { error };
  }
}

/** plainYaml agrees with js-yaml: the same value with the same key order, or no answer. */
function agrees(text: string): boolean {
  const plain = plainYaml(text);
  if (plain === undefined) return false;
  const read = jsYaml(text);
  expect(read, text).toHaveProperty("value");
  const { value } = read as { value: unknown };
  expect(plain, text).toStrictEqual(value);
  expect(JSON.stringify(plain), text).toBe(JSON.stringify(value));
  return true;
}

const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,6}$/);
/** Text a scenario file holds: letters, digits, spaces, punctuation YAML cares about, emoji. */
const text = fc.string({
  unit: fc.constantFrom(..."aZ09 +-.:#,'\"[]{}!&*|>?%@`~\\/_=é🤖👻".split(/(?:)/u)),
  maxLength: 8,
});
const scalar = fc.oneof(
  text,
  fc.constantFrom("yes", "no", "null", "true", "~", "2024-01-01", "0x1F", "1_000", ".inf", "---", "...", "-"),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
);
const { value: document } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 3 }),
    tie("mapping"),
  ),
  mapping: fc.dictionary(key, tie("value"), { maxKeys: 4 }),
}));
const root = fc.dictionary(key, document, { minKeys: 1, maxKeys: 4 });

/** The same value written as js-yaml or `yaml` would write it, in block or flow style. */
const written = fc
  .tuple(root, fc.integer({ min: 0, max: 3 }), fc.constantFrom(2, 4), fc.constantFrom("'", '"'), fc.boolean())
  .map(([value, flowLevel, indent, quotingType, other]) =>
    other
      ? stringify(value, { indent, lineWidth: 0, collectionStyle: flowLevel === 1 ? "flow" : "any" })
      : dump(value, { flowLevel: flowLevel === 0 ? -1 : flowLevel, indent, quotingType, lineWidth: -1 }),
  );

/** How many of `numRuns` generated texts plainYaml read (each one in agreement with js-yaml). */
function acceptedOf(texts: fc.Arbitrary<string>, numRuns: number): number {
  let accepted = 0;
  fc.assert(
    fc.property(texts, (yaml) => {
      if (agrees(yaml)) accepted++;
    }),
    { numRuns, seed: 16 },
  );
  return accepted;
}

describe("testing/plainYaml: scenario YAML read without js-yaml", () => {
  it("reads what js-yaml and yaml write, with js-yaml's values", () => {
    expect(acceptedOf(written, 3000)).toBeGreaterThan(1500);
  });

  it("answers nothing for a text js-yaml refuses or reads otherwise", () => {
    const noise = fc.constantFrom(..." -:#{}[],'\"\n\t&*!|>?%.a1\\\r\u00a0".split(""));
    const edited = fc
      .tuple(written, fc.array(fc.tuple(fc.nat(), fc.nat(2), noise), { minLength: 1, maxLength: 3 }))
      .map(([yaml, edits]) =>
        edits.reduce((t, [at, how, c]) => {
          const i = at % (t.length + 1);
          return t.slice(0, i) + (how === 0 ? "" : c) + t.slice(how === 2 ? i : i + 1);
        }, yaml),
      );
    expect(acceptedOf(edited, 5000)).toBeGreaterThan(500);
  });

  it("reads a scenario file's common lines, and leaves the rest to js-yaml", () => {
    const read = [
      "flow: ./bots.json # the flow\n\n# a comment\nscenarios:\n- name: a\n  steps:\n  - reply: Yes\n",
      'a: { event: incomingMessage, from: "+15558675310", body: "hi" }\nb: { send: 🤖 }\n',
      'a:\n  - expect: { send: "Hi, do you like bots?", widget: send_and_reply_1 }\n  - wait: 3600\n',
      'a: b #c\nd: \'it\'\'s\'\ne: "\\u00e9\\n\\""\nf: C#\ng: [1, "2", {h: i}, []]\nj: {}\nk:\nl: # c\n',
      "a: -1\nb: 0x1F\nc: .inf\nd: ~\ne: Null\nf: 1e3\ng: +1\nh: 007\ni: 2024-01-01\nj: yes\nk: -0.0\n",
      "a: http://example.com/a?b=c\nb: a{b}\nc: [http://x.example]\n",
    ];
    for (const yaml of read) expect(agrees(yaml), yaml).toBe(true);
    const left = [
      "a: b\na: c\n", // duplicate key: js-yaml's error
      "a: b: c\n",
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "a: |\n  text\n",
      "a: >\n  text\n",
      "a: 'multi\n  line'\n",
      "a: plain\n  continued\n",
      'a: "\\x41"\n',
      "a: ---\n",
      "a: ...\n",
      "a: -\n",
      "---\na: 1\n",
      "a: 1\r\nb: 2\r\n",
      "a:\tb\n",
      "\uFEFFa: 1\n",
      "a: \uD800\n",
      "? a\n: b\n",
      '"a": 1\n',
      "a: {b: 1,}\n",
      "a: {b: 1\n",
      "a: [1, 2\n  , 3]\n",
      "- a\n",
      "a:\n- b\n - c\n",
      "a:\n  b: 1\n c: 2\n",
      "null: 1\n",
      "a: {b}\n",
      "__proto__: 1\n",
      "a: " + "[".repeat(40) + "]".repeat(40) + "\n",
    ];
    for (const yaml of left) expect(plainYaml(yaml), yaml).toBeUndefined();
    // A line read once near the top is too deep when it comes again further down.
    const deep = "[".repeat(20) + "]".repeat(20);
    const nested = Array.from({ length: 15 }, (_, i) => `${"  ".repeat(i)}k${i}:`);
    expect(plainYaml(`a: ${deep}\n${nested.join("\n")}\n${"  ".repeat(15)}z: ${deep}\n`)).toBeUndefined();
    expect(agrees(`a: ${deep}\n${nested.join("\n")}\n${"  ".repeat(15)}z: [1]\n`)).toBe(true);
  });

  it("reads decimal integers and text starting with a sign or a dot as js-yaml does, without it", () => {
    const scalars = [
      ...["0", "7", "-12", "3600", "123456789012345", "-123456789012345", "1234567890123456"],
      ...[
        "-0",
        "007",
        "+1",
        "1_000",
        "0x1F",
        "0o17",
        "1e3",
        "-1.5",
        ".5",
        "+.5",
        "-.5",
        ".inf",
        "-.inf",
        "+.Inf",
      ],
      ...[
        ".nan",
        ".NaN",
        "._1",
        "./bots.json",
        "../flows/x.json",
        ".hidden",
        "..x",
        "-x",
        "+x",
        "-+1",
        "+-1",
        "-_",
      ],
    ];
    for (const scalar of scalars) {
      expect(agrees(`a: ${scalar}\nb: [${scalar}]\nc: { d: ${scalar} }\n`), scalar).toBe(true);
    }
  });
});
