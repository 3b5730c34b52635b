/**
 * The testing room: what a test author imports. Scenario files (`*.scenarios.yaml`) with their
 * schema, runner and report; widget and transition coverage; vitest matchers over an execution.
 * The engine's interpreter stays in the engine room; this room drives it.
 */
export * from "./scenario/index";
export {
  CoverageTracker,
  formatCoverage,
  describeTransition,
  type FlowCoverage,
  type TransitionRef,
} from "./coverage";
export { engineMatchers, type SentTextMatcher } from "./matchers";
