import { studioLimits, type FlowDefinition, type State } from "../definition";
import { renderLiquid } from "./liquid";
import { makeSid } from "./trigger";
import {
  type Effect,
  type EndReason,
  type ExecutionContext,
  type JsonObject,
  type ParentFrame,
  type Snapshot,
  type Step,
  type TranscriptEntry,
  type Waiting,
} from "./types";
import { type WidgetRun } from "./widgets/index";

/** A definition's widgets by name and, per widget, the first transition index of each event. */
export interface FlowIndex {
  readonly states: ReadonlyMap<string, State>;
  readonly events: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** Studio's wording where known (docs/studio-behaviour.md §7); the 81000 text is ours (UNCONFIRMED). */
export const limitMessages = {
  "81000": `Execution has exceeded the maximum of ${studioLimits.stepsPerExecution} steps`,
  "81001": "Widget has exceeded max steps in a loop",
} as const;

const indexes = new WeakMap<FlowDefinition, FlowIndex>();

/** Indexed once per definition object, so a step costs map lookups, not array scans. */
export function indexFlow(definition: FlowDefinition): FlowIndex {
  let index = indexes.get(definition);
  if (!index) {
    const states = new Map<string, State>();
    const events = new Map<string, Map<string, number>>();
    for (const state of definition.states) {
      if (states.has(state.name)) continue; // Studio rejects duplicates; the first one wins here.
      states.set(state.name, state);
      const byEvent = new Map<string, number>();
      state.transitions.forEach((t, i) => {
        if (!byEvent.has(t.event)) byEvent.set(t.event, i);
      });
      events.set(state.name, byEvent);
    }
    index = { states, events };
    indexes.set(definition, index);
  }
  return index;
}

/**
 * The mutable scratch state of one `transition` call. It starts from a snapshot (copying the
 * two logs once) and is frozen back into a new snapshot at the end; the input is never touched.
 */
export class Work {
  status: Snapshot["status"];
  flowSid: string;
  context: ExecutionContext;
  parent: ParentFrame | undefined;
  waiting: Waiting | undefined;
  endReason: EndReason | undefined;
  now: number;
  readonly startedAt: number;
  clockTarget: number;
  stepCount: number;
  lastWidget: string;
  runsInARow: number;
  serial: number;
  readonly steps: Step[];
  readonly transcript: TranscriptEntry[];
  readonly effects: Effect[] = [];

  constructor(
    readonly root: FlowDefinition,
    readonly subflows: Readonly<Record<string, FlowDefinition>>,
    readonly snapshot: Snapshot,
  ) {
    this.status = snapshot.status;
    this.flowSid = snapshot.flowSid;
    this.context = snapshot.context;
    this.parent = snapshot.parent;
    this.waiting = snapshot.waiting;
    this.endReason = snapshot.endReason;
    this.now = snapshot.now;
    this.startedAt = snapshot.startedAt;
    this.clockTarget = snapshot.clockTarget;
    this.stepCount = snapshot.stepCount;
    this.lastWidget = snapshot.lastWidget;
    this.runsInARow = snapshot.runsInARow;
    this.serial = snapshot.serial;
    this.steps = snapshot.steps.slice();
    this.transcript = snapshot.transcript.slice();
  }

  /** The definition whose widgets run now (the subflow's inside a subflow frame). */
  definition(): FlowDefinition | undefined {
    return this.parent ? this.subflows[this.flowSid] : this.root;
  }

  warn(code: string, message: string, widget?: string): void {
    this.transcript.push(
      widget === undefined ? { kind: "warning", code, message } : { kind: "warning", code, message, widget },
    );
  }

  end(reason: EndReason): void {
    this.status = "ended";
    this.endReason = reason;
    this.waiting = undefined;
    if (reason.kind === "limit") this.warn(reason.code, reason.message, reason.widget);
    if (reason.kind === "error")
      this.transcript.push(
        reason.widget === undefined
          ? { kind: "error", message: reason.message }
          : { kind: "error", message: reason.message, widget: reason.widget },
      );
  }

  /**
   * Counts a widget entry against Studio's limits: the 1,001st step of an execution ends it
   * (81000), as does the 11th run of one widget in a row (81001; UNCONFIRMED that the 10th run is
   * still allowed: "executed 10 times in a row"). False when the execution ended instead.
   */
  admit(name: string): boolean {
    if (this.stepCount >= studioLimits.stepsPerExecution) {
      this.end({ kind: "limit", code: "81000", widget: name, message: limitMessages["81000"] });
      return false;
    }
    const key = `${this.flowSid}/${name}`;
    const runs = key === this.lastWidget ? this.runsInARow + 1 : 1;
    if (runs > studioLimits.consecutiveRunsOfOneWidget) {
      this.end({ kind: "limit", code: "81001", widget: name, message: limitMessages["81001"] });
      return false;
    }
    this.stepCount += 1;
    this.lastWidget = key;
    this.runsInARow = runs;
    return true;
  }

  /** Writes a widget's outputs and Set Variables' variables (new objects; old ones are shared). */
  commit(widget: string, outputs: JsonObject | undefined, variables: JsonObject | undefined): void {
    if (outputs === undefined && variables === undefined) return;
    const c = this.context;
    this.context = {
      flow:
        variables === undefined ? c.flow : { ...c.flow, variables: { ...c.flow.variables, ...variables } },
      trigger: c.trigger,
      widgets: outputs === undefined ? c.widgets : { ...c.widgets, [widget]: outputs },
      contact: c.contact,
    };
  }

  toSnapshot(): Snapshot {
    return {
      status: this.status,
      executionSid: this.snapshot.executionSid,
      flowSid: this.flowSid,
      context: this.context,
      parent: this.parent,
      waiting: this.waiting,
      endReason: this.endReason,
      now: this.now,
      startedAt: this.startedAt,
      clockTarget: this.clockTarget,
      stepCount: this.stepCount,
      lastWidget: this.lastWidget,
      runsInARow: this.runsInARow,
      serial: this.serial,
      steps: this.steps,
      transcript: this.transcript,
    };
  }
}

const callParamKeys = [
  "AccountSid",
  "ApiVersion",
  "CallSid",
  "CallStatus",
  "Called",
  "Caller",
  "Direction",
  "From",
  "To",
];

/** The handler's view of one widget step. */
export class Run implements WidgetRun {
  readonly warn: (code: string, message: string) => void;

  constructor(
    private readonly work: Work,
    readonly state: State,
  ) {
    this.warn = (code, message) => work.warn(code, message, state.name);
  }

  get name(): string {
    return this.state.name;
  }
  get context(): ExecutionContext {
    return this.work.context;
  }
  get now(): number {
    return this.work.now;
  }
  get isCall(): boolean {
    return "call" in this.work.context.trigger;
  }
  get previous(): JsonObject | undefined {
    return this.work.context.widgets[this.state.name];
  }

  raw(key: string): unknown {
    return this.state.properties[key];
  }

  render(source: string): string {
    return renderLiquid(source, this.work.context, this.work.now, this.warn);
  }

  text(key: string, fallback = ""): string {
    const value = this.state.properties[key];
    if (value === undefined || value === null) return fallback === "" ? "" : this.render(fallback);
    if (typeof value === "string") return this.render(value);
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return JSON.stringify(value);
  }

  number(key: string, fallback: number): number {
    const value = this.state.properties[key];
    if (typeof value === "number") return Number.isFinite(value) ? value : fallback;
    if (typeof value !== "string") return fallback;
    const text = this.render(value).trim();
    const n = Number(text);
    return text !== "" && Number.isFinite(n) ? n : fallback;
  }

  pairs(key: string): Record<string, string>;
  pairs<T>(
    key: string,
    convert: (text: string, item: Readonly<Record<string, unknown>>) => T,
  ): Record<string, T>;
  pairs(
    key: string,
    convert?: (text: string, item: Readonly<Record<string, unknown>>) => unknown,
  ): Record<string, unknown> {
    const list = this.state.properties[key];
    const out: Record<string, unknown> = {};
    if (!Array.isArray(list)) return out;
    for (const item of list as unknown[]) {
      if (typeof item !== "object" || item === null) continue;
      const pair = item as Record<string, unknown>;
      const { key: k, value } = pair;
      if (typeof k !== "string") continue;
      const text = typeof value === "string" ? this.render(value) : String(value ?? "");
      out[k] = convert ? convert(text, pair) : text;
    }
    return out;
  }

  sid(prefix: string): string {
    this.work.serial += 1;
    return makeSid(prefix, this.work.serial);
  }

  callParams(): JsonObject {
    const call = this.work.context.trigger["call"];
    const out: JsonObject = {};
    if (typeof call !== "object" || call === null || Array.isArray(call)) return out;
    for (const key of callParamKeys) {
      const value = call[key];
      if (value !== undefined) out[key] = value;
    }
    return out;
  }

  emit(entry: TranscriptEntry): void {
    this.work.transcript.push(entry);
  }
}
