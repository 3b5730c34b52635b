import { widgetSpecs, type WidgetType } from "../../definition";
import { type JsonObject } from "../types";
import { next, type Outcome, type WidgetHandler, type WidgetRun } from "./handler";

/**
 * A widget whose outcome comes from outside Studio (a call leg, a queue, a payment, a virtual
 * agent…). It parks; `Execution.callEvent(event, params)` picks any of the type's events (the
 * definition room's list), with `params` written under `widgets.NAME` over `defaults`.
 * `hangup()` takes a `hangup` event when the widget has one.
 */
export interface ExternalSpec {
  /** Transcript entries on entry. */
  readonly announce?: (run: WidgetRun) => void;
  /** Seconds before the `timeout` event (when the widget has one); undefined: no timer. */
  readonly timeoutSeconds?: (run: WidgetRun) => number | undefined;
  /** Outputs for an event before the caller's params are laid over them. */
  readonly defaults?: (run: WidgetRun, event: string) => JsonObject;
  /** Whether the widget writes the call-status parameters (voice widgets). */
  readonly callParams?: boolean;
}

export function external(type: WidgetType, spec: ExternalSpec = {}): WidgetHandler {
  const events: readonly string[] = widgetSpecs[type].events;
  const outputs = (run: WidgetRun, event: string, params: JsonObject = {}): JsonObject => ({
    ...(spec.callParams ? run.callParams() : {}),
    ...spec.defaults?.(run, event),
    ...params,
  });
  return {
    enter(run): Outcome {
      spec.announce?.(run);
      const seconds = events.includes("timeout") ? spec.timeoutSeconds?.(run) : undefined;
      return seconds === undefined ? { type: "wait" } : { type: "wait", timeoutSeconds: seconds };
    },
    resume(run, input) {
      switch (input.type) {
        case "callEvent":
          return events.includes(input.event)
            ? next(input.event, outputs(run, input.event, input.params))
            : undefined;
        case "hangup":
        case "timeout":
          return events.includes(input.type) ? next(input.type, outputs(run, input.type)) : undefined;
        default:
          return undefined;
      }
    },
  };
}
