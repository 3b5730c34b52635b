import { type z } from "zod";
import { describe, expectTypeOf, it } from "vitest";
import {
  type conditionSchema,
  type conditionTypeSchema,
  type flagsSchema,
  type flowDefinitionSchema,
  type offsetSchema,
  type stateSchema,
  type transitionSchema,
  type widgetSpecs,
  type DerivedConsoleDefaults,
  type ConditionType,
  type Condition,
  type ConsoleDefaults,
  type Flags,
  type FlowDefinition,
  type Offset,
  type OpenOutputsWidgetType,
  type State,
  type Transition,
  type WidgetEvent,
  type WidgetEvents,
  type WidgetOutputs,
  type WidgetType,
} from "../../src/definition";

type Specs = typeof widgetSpecs;

describe("the definition room's plain types (src/definition/types.ts)", () => {
  it("equal the types the zod schemas infer", () => {
    expectTypeOf<Offset>().toEqualTypeOf<z.output<typeof offsetSchema>>();
    expectTypeOf<ConditionType>().toEqualTypeOf<z.output<typeof conditionTypeSchema>>();
    expectTypeOf<Condition>().toEqualTypeOf<z.output<typeof conditionSchema>>();
    expectTypeOf<Transition>().toEqualTypeOf<z.output<typeof transitionSchema>>();
    expectTypeOf<State>().toEqualTypeOf<z.output<typeof stateSchema>>();
    expectTypeOf<Flags>().toEqualTypeOf<z.output<typeof flagsSchema>>();
    expectTypeOf<FlowDefinition>().toEqualTypeOf<z.output<typeof flowDefinitionSchema>>();
  });

  it("name every widget spec's type, events and outputs as the specs do", () => {
    expectTypeOf<WidgetType>().toEqualTypeOf<keyof Specs>();
    expectTypeOf<WidgetEvents>().toEqualTypeOf<{ [T in keyof Specs]: Specs[T]["events"][number] }>();
    expectTypeOf<WidgetEvent<"send-message">>().toEqualTypeOf<"sent" | "failed">();
    expectTypeOf<WidgetOutputs>().toEqualTypeOf<{ [T in keyof Specs]: Specs[T]["outputs"] }>();
    expectTypeOf<OpenOutputsWidgetType>().toEqualTypeOf<
      { [T in keyof Specs]: Specs[T]["openOutputs"] extends true ? T : never }[keyof Specs]
    >();
  });

  it("give the console's defaults the definition's tables derive", () => {
    expectTypeOf<ConsoleDefaults>().toEqualTypeOf<DerivedConsoleDefaults>();
  });
});
