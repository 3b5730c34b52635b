import {
  formatPath,
  isWidgetType,
  widgetSpecs,
  type FlowDefinition,
  type State,
  type WidgetSpec,
} from "../definition";
import { type Severity, type ValidationIssue } from "./issue";
import { stateStrings, type StateString } from "./strings";

type PathSegment = string | number;

/**
 * What every check reads: the states, a name → index map (first occurrence wins, duplicates are
 * the names check's business) and each state's strings, walked once and shared by the Liquid and
 * credential checks. In widget mode (a single-state fixture) paths start at the widget itself.
 */
export class FlowIndex {
  readonly byName = new Map<string, number>();
  private readonly strings: Array<StateString[] | undefined> = [];

  private constructor(
    readonly states: readonly State[],
    readonly initialState: string | undefined,
    private readonly standalone: boolean,
  ) {
    states.forEach((state, i) => {
      if (!this.byName.has(state.name)) this.byName.set(state.name, i);
    });
  }

  static ofDefinition(definition: FlowDefinition): FlowIndex {
    return new FlowIndex(definition.states, definition.initial_state, false);
  }

  static ofWidget(state: State): FlowIndex {
    return new FlowIndex([state], undefined, true);
  }

  /** The JSON path of a state (or a place inside it), e.g. `states[3].properties.timeout`. */
  path(index: number, suffix: readonly PathSegment[] = []): string {
    return formatPath(this.standalone ? suffix : ["states", index, ...suffix]);
  }

  spec(index: number): WidgetSpec | undefined {
    const type = this.states[index]?.type;
    return type !== undefined && isWidgetType(type) ? widgetSpecs[type] : undefined;
  }

  stringsOf(index: number): StateString[] {
    let cached = this.strings[index];
    if (!cached) {
      const state = this.states[index];
      cached = state ? stateStrings(state) : [];
      this.strings[index] = cached;
    }
    return cached;
  }

  issue(
    index: number,
    code: string,
    severity: Severity,
    suffix: readonly PathSegment[],
    message: string,
  ): ValidationIssue {
    const widget = this.states[index]?.name;
    const path = this.path(index, suffix);
    return widget === undefined
      ? { code, severity, path, message }
      : { code, severity, path, widget, message };
  }
}
