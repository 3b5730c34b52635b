/**
 * The codegen room: turns flow definitions into things people read — Mermaid diagrams,
 * widget-keyed diffs, pull-request comments — and into builder TypeScript (import).
 */
export {
  flowDiagram,
  escapeMermaidText,
  githubMermaidLimits,
  type Diagram,
  type DiagramOptions,
  type WidgetMark,
} from "./mermaid";
export { flowSummary } from "./summary";
export {
  diffDefinitions,
  isEmptyDiff,
  type FlowDiff,
  type ValueChange,
  type TransitionChange,
  type WidgetChange,
  type WidgetMove,
} from "./diff";
export { diffMarkdown, diffDiagram, flowDiffMarkdown, diagramMarkdown } from "./diff-markdown";
export { reviewComment, reviewMarker, githubCommentLimit, type ReviewInput, type ReviewSide } from "./review";
export { importFlow, ImportError, type ImportOptions, type ImportedFlow } from "./import-flow";
export { factoryName } from "./import-names";
export { flowCanvas, type FlowCanvas, type CanvasNode, type CanvasEdge } from "./canvas";
