/**
 * The builder room's narrow door to the props as mapped types derive them from the definition
 * room's zod schemas. scripts/generate-widget-props.ts writes them out as plain interfaces
 * (widget-props.ts), which the builder's declarations use, so a flow's check never reads zod's
 * declarations; test/builder/widget-props.test-d.ts checks the two equal.
 */
import { type z } from "zod";
import { type WidgetSpecs } from "../definition";
import { type ConsoleDefaults, type WidgetType } from "../definition/types";
import { type CamelCase, type CommonProps, type numericStringProperties } from "./props";
import { type Text } from "./ref";

/** A widget type's Studio properties as an author gives them (the schema's input form). */
export type WidgetProperties<T extends WidgetType> = StripIndex<z.input<WidgetSpecs[T]["properties"]>>;

type StripIndex<T> = {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};

type BooleanString = "true" | "false";

/** Strings become Text (a reference is welcome wherever Liquid is); `"true"|"false"` also takes a boolean. */
type Loose<V> = V extends undefined
  ? V
  : V extends string
    ? string extends V
      ? Text
      : V extends BooleanString
        ? V | boolean
        : V
    : V extends ReadonlyArray<infer Item>
      ? ReadonlyArray<Loose<Item>>
      : V extends object
        ? { [K in keyof V]: Loose<V[K]> }
        : V;

type Defaulted<T extends WidgetType> = T extends keyof ConsoleDefaults ? keyof ConsoleDefaults[T] : never;
type NumericKey<T extends WidgetType> = T extends keyof typeof numericStringProperties
  ? (typeof numericStringProperties)[T][number]
  : never;
type PropValue<T extends WidgetType, K, V> = K extends NumericKey<T> ? Loose<V> | number : Loose<V>;

/** The builder's type for Studio property `K` of widget type `T` (widget-props.ts holds it resolved). */
export type Prop<T extends WidgetType, K extends keyof WidgetProperties<T>> = PropValue<
  T,
  K,
  Exclude<WidgetProperties<T>[K], undefined>
>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The props derived from the schemas by mapped types (renaming keys drops TSDoc, hence widget-props.ts). */
export type DerivedWidgetProps<T extends WidgetType> = Simplify<
  {
    readonly [
      K in keyof WidgetProperties<T> as K extends "offset" | Defaulted<T> ? never : CamelCase<K & string>
    ]: PropValue<T, K, WidgetProperties<T>[K]>;
  } & {
    readonly [
      K in keyof WidgetProperties<T> as K extends Defaulted<T> ? CamelCase<K & string> : never
    ]?: PropValue<T, K, WidgetProperties<T>[K]>;
  } & CommonProps
>;
