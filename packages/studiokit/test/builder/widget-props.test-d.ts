import { describe, expectTypeOf, it } from "vitest";
import { type WidgetPropsByType } from "../../src/builder";
import { type DerivedWidgetProps } from "../../src/builder/derived-props";

describe("generated props interfaces", () => {
  it("equal the props derived from the definition room's schemas, for every widget type", () => {
    expectTypeOf<{ [T in keyof WidgetPropsByType]: WidgetPropsByType[T] }>().toEqualTypeOf<{
      [T in keyof WidgetPropsByType]: DerivedWidgetProps<T>;
    }>();
  });
});
