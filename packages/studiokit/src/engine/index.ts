/**
 * The engine room: runs a Studio flow definition as Studio does — a pure transition
 * `(definition, snapshot, event) → { snapshot, effects }` and a thin async driver (`Execution`)
 * that runs effects through injected adapters on a simulated clock.
 */
export {
  startExecution,
  Execution,
  EngineInputError,
  simulatedFlowSid,
  type ExecutionOptions,
} from "./execution";
export { initialTransition, transition, type TransitionOptions, type ExecutionIds } from "./transition";
export { limitMessages } from "./work";
export { triggerInputSchema, plainTrigger, makeSid, simulatedAccountSid, type TriggerInput } from "./trigger";
export {
  mockAdapters,
  adaptersFromMocks,
  type ParsedMocks,
  mocksSchema,
  httpMockSchema,
  functionMockSchema,
  subflowMockSchema,
  messageMockSchema,
  urlMatches,
  type Adapters,
  type Mocks,
  type HttpMock,
  type FunctionMock,
  type SubflowOutcome,
} from "./adapters";
export { SimulatedClock, type Clock } from "./clock";
export { globMatcher, type GlobOptions } from "./glob";
export {
  renderLiquid,
  renderLiquidReference,
  parseTemplate,
  studioLiquid,
  traceRenders,
  pacificOffsetMinutes,
  type Warn,
} from "./liquid";
export { evaluateCondition, predicates } from "./conditions";
export {
  widgetHandlers,
  typedValue,
  type WidgetHandler,
  type WidgetRun,
  type Outcome,
  type WidgetInput,
} from "./widgets/index";
export type {
  JsonValue,
  JsonObject,
  FlowContext,
  ExecutionContext,
  TranscriptEntry,
  TranscriptKind,
  Step,
  EndReason,
  Waiting,
  ParentFrame,
  Snapshot,
  InputEvent,
  ResultEvent,
  EngineEvent,
  OutboundMessage,
  SendResult,
  HttpRequest,
  FunctionRequest,
  HttpResponse,
  HttpResult,
  SubflowRequest,
  SubflowResult,
  Effect,
  TransitionResult,
} from "./types";
