import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainTrigger, triggerInputSchema } from "../../src/engine";

describe("engine/plainTrigger: the common trigger checked without zod", () => {
  it("accepts the common shapes, with the data the schema gives", () => {
    for (const input of [
      { event: "incomingMessage", from: "+15558675310", to: "+15017122661", body: "hi" },
      { event: "incomingConversationMessage", from: "+15558675310", to: "+15017122661", body: "" },
      { event: "incomingMessage", from: "+15558675310", to: "+15017122661" },
      { event: "incomingCall", from: "+15558675310", to: "+15017122661" },
    ]) {
      const parsed = triggerInputSchema.parse(input);
      expect(plainTrigger(input)).toStrictEqual(parsed);
      expect(plainTrigger(input)).not.toBe(input);
    }
  });

  it("leaves everything else to the schema and accepts nothing the schema refuses", () => {
    const key = fc.constantFrom("event", "from", "to", "body", "FromCity", "parameters", "bodyy");
    const value = fc.oneof(
      fc.constantFrom(
        "incomingMessage",
        "incomingConversationMessage",
        "incomingCall",
        "incomingRequest",
        "",
      ),
      fc.string({ maxLength: 3 }),
      fc.integer(),
      fc.constant(undefined),
      fc.constant(null),
      fc.constant({}),
    );
    const input = fc.oneof(
      fc.dictionary(key, value, { maxKeys: 5 }),
      fc.record({
        event: fc.constantFrom("incomingMessage", "incomingConversationMessage", "incomingCall"),
        from: fc.string({ maxLength: 2 }),
        to: fc.string({ maxLength: 2 }),
        body: fc.option(fc.string({ maxLength: 2 }), { nil: undefined }),
      }),
      fc.anything(),
    );
    let accepted = 0;
    fc.assert(
      fc.property(input, (x) => {
        const plain = plainTrigger(x);
        if (plain === undefined) return;
        accepted++;
        const result = triggerInputSchema.safeParse(x);
        expect(result.success).toBe(true);
        expect(plain).toStrictEqual(result.data);
      }),
      { numRuns: 3000, seed: 16 },
    );
    expect(accepted).toBeGreaterThan(100);
    expect(
      plainTrigger(Object.assign(Object.create(null) as object, { event: "incomingCall" })),
    ).toBeUndefined();
    expect(plainTrigger({ event: "incomingCall", from: "a", to: "b", body: "x" })).toBeUndefined();
    expect(plainTrigger({ event: "incomingMessage", from: "a", to: "b", FromCity: "X" })).toBeUndefined();
  });
});
