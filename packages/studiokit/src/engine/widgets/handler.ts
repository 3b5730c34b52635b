import { type State } from "../../definition";
import {
  type Effect,
  type EngineEvent,
  type ExecutionContext,
  type JsonObject,
  type JsonValue,
  type TranscriptEntry,
} from "../types";

/** What a widget handler sees of the execution while its step runs. */
export interface WidgetRun {
  readonly state: State;
  readonly name: string;
  readonly context: ExecutionContext;
  /** Simulated time (ms). */
  readonly now: number;
  /** The execution is a voice call (incoming call, or a subflow of one). */
  readonly isCall: boolean;
  /** What this widget wrote last time it ran (Run Function merges `parsed` into it). */
  readonly previous: JsonObject | undefined;
  /** A property rendered with Liquid (numbers and booleans as text); `fallback` when absent. */
  text(key: string, fallback?: string): string;
  /** Renders any Liquid source against the context. */
  render(source: string): string;
  /** A numeric property given as a number or a numeric string; `fallback` otherwise. */
  number(key: string, fallback: number): number;
  /**
   * A `[{ key, value }]` property with each value rendered; `convert` turns the text into the
   * value kept (it sees the whole item, e.g. its `type`).
   */
  pairs(key: string): Record<string, string>;
  pairs<T>(
    key: string,
    convert: (text: string, item: Readonly<Record<string, unknown>>) => T,
  ): Record<string, T>;
  /** A raw (unrendered) property. */
  raw(key: string): unknown;
  /** A fresh made-up SID with this prefix (SM, CA, RE…), reproducible per execution. */
  sid(prefix: string): string;
  /** Call-status parameters every voice widget writes (from `trigger.call`). */
  callParams(): JsonObject;
  emit(entry: TranscriptEntry): void;
  warn(code: string, message: string): void;
}

/** How a widget's step goes on. */
export type Outcome =
  /** Leave by `event` (for a split, by the transition at `transitionIndex`). */
  | {
      type: "next";
      event: string;
      transitionIndex?: number;
      /** Replaces `widgets.NAME`. */
      outputs?: JsonObject;
      /** Merged into `flow.variables` (Set Variables only). */
      variables?: JsonObject;
    }
  /** Park until the contact, the call or the clock acts. */
  | { type: "wait"; timeoutSeconds?: number; memo?: JsonObject }
  /** Park until an adapter answers. */
  | { type: "effect"; effect: Effect; memo?: JsonObject }
  /** Run a subflow (inline when its definition is known, else through the subflow adapter). */
  | { type: "subflow"; flowSid: string; revision: string; parameters: JsonObject }
  /** The caller hung up and nothing takes the hangup: the call, and the execution, end. */
  | { type: "hangup" }
  /** The engine cannot run this widget here; the execution ends with this message. */
  | { type: "fail"; message: string };

/** An input a parked widget may take: an engine event (except ticks) or its own timeout. */
export type WidgetInput = Exclude<EngineEvent, { type: "tick" }> | { type: "timeout" };

export interface WidgetHandler {
  enter(run: WidgetRun): Outcome;
  /** Undefined: the widget cannot take this input (ignored, warning 81002). */
  resume?(run: WidgetRun, input: WidgetInput, memo: JsonObject): Outcome | undefined;
}

/** Leave by `event`, writing `outputs` (a small helper so handlers read as Studio's tables). */
export function next(event: string, outputs?: JsonObject): Outcome {
  return outputs === undefined ? { type: "next", event } : { type: "next", event, outputs };
}

/** Whether a JSON value is an object (not null, not an array). */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Text that is JSON for an object, parsed; undefined for anything else (arrays, text, bad JSON). */
export function parseJsonObject(text: string): JsonObject | undefined {
  // Only an object is wanted: a large array or document need not be parsed to be turned down.
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    const value = JSON.parse(text) as JsonValue;
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A value from a memo as an object (memos hold JSON only). */
export function memoObject(memo: JsonObject, key: string): JsonObject {
  const value = memo[key];
  return isJsonObject(value) ? value : {};
}
