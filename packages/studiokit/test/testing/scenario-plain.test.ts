import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { triggerEvents } from "../../src/definition";
import { plainScenarioFile, scenarioFileSchema } from "../../src/testing";

/** The same mapping with its keys in a generated order (zod gives its shape's order). */
const shuffled = <T extends object>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  arb.chain((o) =>
    fc
      .shuffledSubarray(Object.keys(o), { minLength: Object.keys(o).length })
      .map((keys) => Object.fromEntries(keys.map((k) => [k, o[k as keyof T]])) as T),
  );

/** Mappings with any of `shape`'s keys (and those in `required`), in any order. */
const mapping = (shape: Record<string, fc.Arbitrary<unknown>>, required: string[] = []) =>
  shuffled(fc.record(shape, { requiredKeys: required }));

/**
 * Scenario-file values: `wrong` mixes in, now and then, what the schema refuses (wrong types,
 * unknown or missing keys, empty texts, Infinity, undefined…); without it, every value is one
 * the schema accepts, in the shapes scenario files use.
 */
function arbitraries(wrong: boolean) {
  const or = <T>(good: fc.Arbitrary<T>, ...bad: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> =>
    wrong ? fc.oneof({ arbitrary: good, weight: 40 }, ...bad) : good;
  /** Now and then a key too many, or one fewer. */
  const mangled = (arb: fc.Arbitrary<object>): fc.Arbitrary<unknown> =>
    or(
      arb,
      arb.map((o) => ({ ...o, bogus: 1 })),
      arb.chain((o) =>
        fc.constantFrom(...Object.keys(o), "none").map((drop) => {
          const { [drop]: _dropped, ...rest } = o as Record<string, unknown>;
          return rest;
        }),
      ),
    );
  const anyBad = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.integer(),
    fc.constant(Infinity),
    fc.constant(NaN),
    fc.constant([]),
    fc.constant({}),
    fc.constant(Object.assign(Object.create(null) as object, { a: 1 })),
  );
  const text = or(fc.string({ maxLength: 3 }), anyBad);
  const name = or(fc.string({ minLength: 1, maxLength: 3 }), fc.constant(""), anyBad);
  const json = or(fc.jsonValue({ maxDepth: 2 }), anyBad);
  const record = or(
    fc.dictionary(fc.string({ maxLength: 2 }), json, { maxKeys: 3 }),
    fc.constant(JSON.parse('{"__proto__": 1}') as unknown),
    anyBad,
  );
  const matcher = or(
    fc.oneof(
      fc.string({ maxLength: 3 }),
      fc.record({ contains: fc.string({ maxLength: 3 }) }),
      fc.record({ matches: fc.constantFrom("a+", "^b$", ".") }),
    ),
    fc.record({ matches: fc.constant("(") }),
    mapping({ contains: text, matches: text }),
    anyBad,
  );
  const body = or(
    fc.oneof(fc.string({ maxLength: 3 }), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 2 })),
  );
  const request = mangled(mapping({ url: name, method: name, body, params: record }));
  const expectation = mangled(
    mapping({
      send: matcher,
      say: matcher,
      widget: name,
      variables: record,
      ended: or(fc.boolean(), anyBad),
      request: or(request, anyBad),
      execution: or(fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, 1.5, 2 ** 53, -1), anyBad),
    }).filter((e) => Object.keys(e).length > 0),
  );
  const event = or(
    fc.oneof(
      fc.constantFrom("callCompleted", "recordingComplete"),
      mangled(mapping({ name, params: record }, ["name"])),
    ),
    fc.constant(""),
    anyBad,
  );
  const step = or(
    fc.oneof(
      fc.record({ expect: or(expectation, anyBad) }),
      fc.record({ reply: text }),
      fc.record({ wait: or(fc.constantFrom(0, 3600, 1.5), fc.constantFrom(-1, Infinity), anyBad) }),
      fc.record({ press: text }),
      fc.record({ speak: text }),
      fc.record({ hangup: or(fc.constant(true), fc.constant(false), anyBad) }),
      fc.record({ deliveryFailure: or(fc.constant(true), fc.constant(false), anyBad) }),
      fc.record({ event }),
    ),
    fc.constantFrom({}, { reply: "a", wait: 1 }, { bogus: 1 }),
    anyBad,
  );
  const address = { from: text, to: text };
  const webhook = { FromCity: or(fc.string({ maxLength: 3 }), anyBad), ChannelAttributes: text };
  const triggerOf = (events: string[], shape: Record<string, fc.Arbitrary<unknown>>, required: string[]) =>
    mapping({ event: fc.constantFrom(...events), ...shape }, ["event", ...required]);
  const trigger = mangled(
    fc.oneof(
      triggerOf(["incomingMessage", "incomingConversationMessage"], { ...address, body: text, ...webhook }, [
        "from",
        "to",
      ]),
      triggerOf(["incomingCall"], { ...address, ...webhook }, ["from", "to"]),
      triggerOf(["incomingRequest"], { ...address, parameters: record }, ["from", "to"]),
      triggerOf(["incomingParent"], { ...address, parameters: record }, []),
      ...(wrong
        ? [
            triggerOf(
              [...triggerEvents, "bogus"],
              { ...address, body: text, parameters: record, ...webhook, From: text },
              [],
            ),
          ]
        : []),
    ),
  );
  const mocks = or(
    fc.constantFrom({}, { http: [{ url: "https://a.example/*", status: 200, body: { ok: true } }] }),
    fc.constant({ bogus: 1 }),
    fc.constant({ http: [{ status: "x" }] }),
  );
  const scenario = mangled(
    mapping(
      { name, trigger: or(trigger, anyBad), mocks, steps: or(fc.array(step, { maxLength: 4 }), anyBad) },
      ["name", "trigger", "steps"],
    ),
  );
  const file = mangled(
    mapping(
      {
        flow: or(fc.constantFrom("./bots.json", "flows/a.ts"), fc.constant(""), anyBad),
        subflows: or(
          fc.constant({ ["FW" + "0123456789abcdef".repeat(2)]: "./sub.json" }),
          fc.constant({ FWbad: "./sub.json" }),
          fc.constant({ ["FW" + "0".repeat(32)]: "" }),
        ),
        strict: or(fc.boolean(), anyBad),
        scenarios: or(fc.array(scenario, { minLength: 1, maxLength: 3 }), fc.constant([]), anyBad),
      },
      ["flow", "scenarios"],
    ),
  );
  return { file };
}

/** The plain check agrees with the schema: same data, same key order, or no answer. */
function agrees(value: unknown): boolean {
  const plain = plainScenarioFile(value);
  if (plain === undefined) return false;
  const result = scenarioFileSchema.safeParse(value);
  expect(result.success).toBe(true);
  expect(plain).toStrictEqual(result.data);
  expect(JSON.stringify(plain)).toBe(JSON.stringify(result.data));
  return true;
}

describe("testing/plainScenarioFile: scenario files checked without zod", () => {
  it("accepts the shapes scenario files use, with the schema's data in the schema's key order", () => {
    const { file } = arbitraries(false);
    fc.assert(
      fc.property(file, (value) => {
        // Generated names may repeat; the schema refuses those files and so must the check.
        const names = (value as { scenarios: Array<{ name: string }> }).scenarios.map((s) => s.name);
        if (new Set(names).size !== names.length) expect(plainScenarioFile(value)).toBeUndefined();
        else expect(agrees(value)).toBe(true);
      }),
      { numRuns: 2000, seed: 16 },
    );
  });

  it("accepts nothing the schema refuses", () => {
    const { file } = arbitraries(true);
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(file, fc.anything()), (value) => {
        if (agrees(value)) accepted++;
      }),
      { numRuns: 5000, seed: 16 },
    );
    expect(accepted).toBeGreaterThan(300);
  });

  it("leaves a file to the schema for each kind of mistake", () => {
    const valid = () => ({
      flow: "./bots.json",
      scenarios: [
        {
          name: "a",
          trigger: { event: "incomingMessage", from: "+1", to: "+2", body: "hi" },
          steps: [{ expect: { send: "x", widget: "w" } }, { reply: "y" }, { wait: 1 }],
        },
      ],
    });
    expect(agrees(valid())).toBe(true);
    const broken: Array<(f: ReturnType<typeof valid>) => void> = [
      (f) => f.scenarios.push(f.scenarios[0]!),
      (f) => Object.assign(f.scenarios[0]!.trigger, { body: 1 }),
      (f) => Object.assign(f.scenarios[0]!.trigger, { event: "incomingCall" }),
      (f) => Object.assign(f.scenarios[0]!.trigger, { Body: "hi" }),
      (f) => Object.assign(f.scenarios[0]!.trigger, { FromCity: 1 }),
      (f) => f.scenarios[0]!.steps.push({ expect: {} } as never),
      (f) => f.scenarios[0]!.steps.push({ expect: { send: { matches: "(" } } } as never),
      (f) => f.scenarios[0]!.steps.push({ wait: -1 }),
      (f) => f.scenarios[0]!.steps.push({ reply: "a", wait: 1 } as never),
      (f) => Object.assign(f, { strict: "yes" }),
    ];
    for (const [i, breakIt] of broken.entries()) {
      const f = valid();
      breakIt(f);
      expect(plainScenarioFile(f), `mistake ${i}`).toBeUndefined();
      expect(scenarioFileSchema.safeParse(f).success, `mistake ${i}`).toBe(false);
    }
  });
});
