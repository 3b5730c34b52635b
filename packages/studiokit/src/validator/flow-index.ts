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
import { NameIndex } from "./name-index";

type PathSegment = string | number;

/**
 * What every check reads: the states and a name → index map (first occurrence wins; a namesake's
 * first is `byName.earlier(i)`, the names check's business). In widget mode (a single-state
 * fixture) paths start at the widget itself.
 */
export class FlowIndex {
  readonly byName: NameIndex;
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
    const names = new Array<string | undefined>(states.length);
    for (let i = 0; i < states.length; i++) {
      const name: unknown = (states[i] as Partial<State> | null | undefined)?.name;
      names[i] = typeof name === "string" ? name : undefined;
    }
    this.byName = new NameIndex(names);
    this.edges = new EdgeRecorder(states.length);
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
