// Types of `engineMatchers` for `expect(execution).toHaveSent(…)`: a declaration file, so the
// engine's run-time code never imports vitest.
import "vitest";
import { type SentTextMatcher } from "./matchers";

interface EngineMatchers<R = unknown> {
  /** Some message the flow sent matches (exact text, RegExp, `{ contains }`, `{ matches }`, asymmetric matcher). */
  toHaveSent(expected: SentTextMatcher): R;
  /** Some text the flow spoke on the call matches. */
  toHaveSaid(expected: SentTextMatcher): R;
  /** The execution is active and waiting at this widget. */
  toBeWaitingAt(widget: string): R;
  toHaveEnded(): R;
  /** `flow.variables` includes these keys with equal values. */
  toHaveVariables(subset: Record<string, unknown>): R;
}

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Matchers<T> extends EngineMatchers<T> {}
}
