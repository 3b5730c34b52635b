import { type FlowDefinition } from "../definition";
import { type Step } from "../engine";

/**
 * Coverage of one flow over many executions: which widgets ran and which transitions were taken.
 *
 * A transition counts when it is wired (has a `next`): an unwired event ends the execution and
 * is not an edge of the flow graph. (No Studio counterpart; studiokit's choice, UNCONFIRMED.) A
 * transition is identified by widget + event + match index: the index among the widget's `match`
 * transitions, since a split may have several going to the same widget.
 */
export interface TransitionRef {
  readonly widget: string;
  readonly event: string;
  /** 0-based index among the widget's `match` transitions; only on `match`. */
  readonly match?: number;
  readonly next: string;
  /** The first condition's friendly name, only on `match`: how the Studio canvas labels it. */
  readonly label?: string;
}

export interface FlowCoverage {
  /** The flow as the caller names it (usually its file). */
  readonly flow: string;
  readonly executions: number;
  readonly widgets: {
    readonly reached: number;
    readonly total: number;
    readonly unreached: readonly string[];
  };
  readonly transitions: {
    readonly taken: number;
    readonly total: number;
    readonly untaken: readonly TransitionRef[];
  };
}

interface Indexed {
  readonly refs: readonly TransitionRef[];
  /** `${widget}\u0000${transition_index}` → position in `refs`. */
  readonly byStep: ReadonlyMap<string, number>;
}

function indexTransitions(definition: FlowDefinition): Indexed {
  const refs: TransitionRef[] = [];
  const byStep = new Map<string, number>();
  for (const state of definition.states) {
    let matches = 0;
    state.transitions.forEach((t, index) => {
      const match = t.event === "match" ? matches++ : undefined;
      if (!t.next) return;
      const label = match === undefined ? undefined : t.conditions?.[0]?.friendly_name;
      byStep.set(`${state.name}\u0000${index}`, refs.length);
      refs.push({
        widget: state.name,
        event: t.event,
        ...(match === undefined ? {} : { match }),
        next: t.next,
        ...(label ? { label } : {}),
      });
    });
  }
  return { refs, byStep };
}

/** Collects the steps of executions of one flow; `report` may be called at any time. */
export class CoverageTracker {
  readonly #definition: FlowDefinition;
  readonly #index: Indexed;
  readonly #reached = new Set<string>();
  readonly #taken = new Set<number>();
  #executions = 0;

  constructor(definition: FlowDefinition) {
    this.#definition = definition;
    this.#index = indexTransitions(definition);
  }

  /** Records one execution's steps; steps of other flows (subflows) are left out by `flowSid`. */
  record(steps: readonly Step[], flowSid?: string): void {
    this.#executions++;
    this.#reached.add(this.#definition.initial_state);
    for (const step of steps) {
      if (flowSid !== undefined && step.flow_sid !== flowSid) continue;
      this.#reached.add(step.transitioned_from);
      // Through the wired transition, not `transitioned_to`, which says "Ended" at the end.
      const ref = this.#index.byStep.get(`${step.transitioned_from}\u0000${step.transition_index}`);
      if (ref === undefined) continue;
      this.#taken.add(ref);
      this.#reached.add(this.#index.refs[ref]?.next ?? step.transitioned_to);
    }
  }

  report(flow: string): FlowCoverage {
    const names = this.#definition.states.map((s) => s.name);
    const unreached = names.filter((n) => !this.#reached.has(n));
    const untaken = this.#index.refs.filter((_, i) => !this.#taken.has(i));
    return {
      flow,
      executions: this.#executions,
      widgets: { reached: names.length - unreached.length, total: names.length, unreached },
      transitions: { taken: this.#taken.size, total: this.#index.refs.length, untaken },
    };
  }
}

/** `split_1 match[1] → send_message_3 ("If value matches_any_of no,No")`. */
export function describeTransition(t: TransitionRef): string {
  const event = t.match === undefined ? t.event : `${t.event}[${t.match}]`;
  return `${t.widget} ${event} → ${t.next}${t.label ? ` (${JSON.stringify(t.label)})` : ""}`;
}

const percent = (part: number, total: number) =>
  total === 0 ? "100%" : `${Math.floor((part / total) * 100)}%`;

/** The text report of `studiokit test --coverage`, one block per flow. */
export function formatCoverage(flows: readonly FlowCoverage[]): string {
  const lines = ["coverage:"];
  for (const c of flows) {
    const { widgets: w, transitions: t } = c;
    lines.push(
      `  ${c.flow}: widgets ${w.reached}/${w.total} (${percent(w.reached, w.total)}), ` +
        `transitions ${t.taken}/${t.total} (${percent(t.taken, t.total)})`,
    );
    for (const name of w.unreached) lines.push(`    widget not reached: ${name}`);
    for (const ref of t.untaken) lines.push(`    transition not taken: ${describeTransition(ref)}`);
  }
  return lines.join("\n") + "\n";
}
