import { formatPath, isWidgetType, widgetSpecs, type WidgetSpec } from "../definition";
import { type FlowDefinition, type State } from "../definition/types";
import { EdgeRecorder } from "./edges";
import { reachable, triggerIndex } from "./graph";
import { type IssueCode } from "./codes";
import { makeIssue, type ValidationIssue } from "./issue";
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

  #reached: Uint8Array | undefined;

  private constructor(
    readonly states: readonly State[],
    readonly initialState: string | undefined,
    private readonly standalone: boolean,
    /** 1 where a state's properties are known to fit its widget type's schema already. */
    readonly propertiesValid?: Uint8Array,
    /** Widgets the author made that the definition leaves out (see `ValidateOptions.leftOut`). */
    readonly leftOut: ReadonlyMap<string, string> = new Map(),
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

  static ofDefinition(
    definition: FlowDefinition,
    propertiesValid?: Uint8Array,
    leftOut?: ReadonlyMap<string, string>,
  ): FlowIndex {
    return new FlowIndex(definition.states, definition.initial_state, false, propertiesValid, leftOut);
  }

  static ofWidget(state: State): FlowIndex {
    return new FlowIndex([state], undefined, true);
  }

  /** The JSON path of a state (or a place inside it), e.g. `states[3].properties.timeout`. */
  path(index: number, suffix: ReadonlyArray<PathSegment> = []): string {
    return formatPath(this.standalone ? suffix : ["states", index, ...suffix]);
  }

  /**
   * 1 for each state a path of transitions reaches from the trigger (read after the widget checks
   * recorded the edges); undefined when the flow has no trigger to start from.
   */
  reached(): Uint8Array | undefined {
    const start = triggerIndex(this);
    if (start === undefined) return undefined;
    return (this.#reached ??= reachable(this.edges.edges(), [start]));
  }

  spec(index: number): WidgetSpec | undefined {
    const type = this.states[index]?.type;
    return type !== undefined && isWidgetType(type) ? widgetSpecs[type] : undefined;
  }

  /** An issue at state `index` (or a place inside it), naming the widget; severity from codes.ts. */
  issue(
    index: number,
    code: IssueCode,
    suffix: ReadonlyArray<PathSegment>,
    message: string,
  ): ValidationIssue {
    return makeIssue(code, this.path(index, suffix), message, this.states[index]?.name);
  }
}
