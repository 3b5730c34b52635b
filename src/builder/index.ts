/**
 * The builder room: the typed authoring API. One factory per Studio widget type, transitions that
 * take widget objects, typed Liquid references and split conditions, and `flow()`.
 */
export {
  sendMessage,
  sendAndWaitForReply,
  sendToAutoPilot,
  startConversation,
  resumeConversation,
  createChatChannel,
  addMemberToChatChannel,
  setVariables,
  makeHttpRequest,
  runFunction,
  runFunctionV2,
  runSubflow,
  sendToFlex,
  createTask,
  updateSyncObject,
  understand,
  connectVirtualAgent,
  connectVirtualAgentV2,
  sayPlay,
  gatherInputOnCall,
  connectCallTo,
  recordVoicemail,
  recordCall,
  enqueueCall,
  makeOutgoingCallV1,
  makeOutgoingCallV2,
  addTwimlRedirect,
  capturePayments,
  forkStream,
  runConversationRelay,
  widgetFactories,
} from "./factories";
export { splitBasedOn, type SplitBasedOn, type SplitBasedOnProps } from "./split";
export {
  equalTo,
  notEqualTo,
  matchesAnyOf,
  doesNotMatchAnyOf,
  isBlank,
  isNotBlank,
  regex,
  contains,
  doesNotContain,
  startsWith,
  doesNotStartWith,
  lessThan,
  greaterThan,
  isBeforeTime,
  isAfterTime,
  isBeforeDate,
  isAfterDate,
  rawCondition,
  type SplitCondition,
} from "./conditions";
export { raw, type RawWidget } from "./raw";
export { flow, isFlow, type Flow, type FlowProps } from "./flow";
export { trigger, flowContext, contact, widgets } from "./context";
export {
  liquid,
  ref,
  isRef,
  expressionOf,
  type Ref,
  type OpenRef,
  type RefTree,
  type JsonRef,
  type Text,
} from "./ref";
export { end, isWidgetLike, type End, type Target, type WidgetLike } from "./node";
export {
  studioDefaults,
  numericStringProperties,
  camelCase,
  type WidgetProps,
  type CommonProps,
  type CamelCase,
} from "./props";
export { type Widget, type WidgetBase, type AnyWidget, type WidgetFactory } from "./widget";
/** For the compiler: the nodes behind widget and flow objects. */
export { nodeOf, type WidgetNode, type FlowNode, type MatchNode } from "./node";
export { flowNodeOf } from "./flow";
