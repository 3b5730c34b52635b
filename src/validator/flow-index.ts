import {
  formatPath,
  isWidgetType,
  widgetSpecs,
  type FlowDefinition,
  type State,
  type WidgetSpec,
} from "../definition";
import { EdgeRecorder } from "./edges";
import { type Severity, type ValidationIssue } from "./issue";

type PathSegment = string | number;

/**
 * What every check reads: the states and a name → index map (first occurrence wins, duplicates
 * are the names check's business). In widget mode (a single-state fixture) paths start at the
 * widget itself.
 */
export class FlowIndex {
  readonly byName = new Map<string, number>();
  /** For a state whose name an earlier state already has: that earlier state's index. */
  readonly #earlier = new Map<number, number>();
  /** The `next` edges, recorded by the targets check as it resolves each name (see graph.ts). */
  readonly edges: EdgeRecorder;

  private constructor(
    readonly states: readonly State[],
    readonly initialState: string | undefined,
    private readonly standalone: boolean,
    /** 1 where a state's properties are known to fit its widget type's schema already. */
    readonly propertiesValid?: Uint8Array,
  ) {
    // Built before the states are checked one by one (see validate.ts): read names that are strings only.
    for (let i = 0; i < states.length; i++) {
      const name: unknown = (states[i] as Partial<State> | null | undefined)?.name;
      if (typeof name !== "string") continue;
      const first = this.byName.get(name);
      if (first === undefined) this.byName.set(name, i);
      else this.#earlier.set(i, first);
    }
    this.edges = new EdgeRecorder(states.length);
  }

  /** The index of an earlier state with the same name as state `index`, if any. */
  earlierNamesake(index: number): number | undefined {
    return this.#earlier.get(index);
  }

  static ofDefinition(definition: FlowDefinition, propertiesValid?: Uint8Array): FlowIndex {
    return new FlowIndex(definition.states, definition.initial_state, false, propertiesValid);
  }

  static ofWidget(state: State): FlowIndex {
    return new FlowIndex([state], undefined, true);
  }

  /** The JSON path of a state (or a place inside it), e.g. `states[3].properties.timeout`. */
  path(index: number, suffix: ReadonlyArray<PathSegment> = []): string {
    return formatPath(this.standalone ? suffix : ["states", index, ...suffix]);
  }

  spec(index: number): WidgetSpec | undefined {
    const type = this.states[index]?.type;
    return type !== undefined && isWidgetType(type) ? widgetSpecs[type] : undefined;
  }

  issue(
    index: number,
    code: string,
    severity: Severity,
    suffix: ReadonlyArray<PathSegment>,
    message: string,
  ): ValidationIssue {
    const widget = this.states[index]?.name;
    const path = this.path(index, suffix);
    return widget === undefined
      ? { code, severity, path, message }
      : { code, severity, path, widget, message };
  }
}
