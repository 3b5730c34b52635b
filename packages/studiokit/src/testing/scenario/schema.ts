import { z } from "zod";
import { flowSidSchema, triggerEvents, type TriggerEvent } from "../../definition";
import { mocksSchema } from "../../engine";

/**
 * The `*.scenarios.yaml` contract (issue 3). Every object is strict: an unknown key is an error
 * naming the key, never silently ignored. Text fields must be YAML strings: an unquoted
 * `+15558675310` or `007` would reach us as a number that has already lost its `+` or zeros.
 */

const text = (what: string) =>
  z.string({
    error: (issue) =>
      issue.input === undefined
        ? `${what} is required`
        : typeof issue.input === "number"
          ? `${what} must be text in quotes; YAML read it as the number ${issue.input}, losing any "+" or leading zeros`
          : `${what} must be text`,
  });

/** A strict object whose unknown-key error lists the keys it allows. */
function strict<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(", ")}; allowed: ${allowed}`
        : issue.code === "invalid_type" && issue.input !== undefined
          ? `expected a mapping with ${allowed}`
          : undefined,
  });
}

export function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** What a sent or spoken text must be: exact text, a substring, or a regular expression (unanchored). */
export const textMatcherSchema = z
  .union(
    [
      z.string(),
      strict({ contains: z.string().describe("a part of the text, compared exactly (case matters)") }),
      strict({
        matches: z
          .string()
          .refine(compiles, { error: "matches is not a valid regular expression" })
          .describe("a JavaScript regular expression found anywhere in the text (case matters)"),
      }),
    ],
    { error: 'expected text, { contains: "…" } or { matches: "regex" }' },
  )
  .describe('the whole text exactly, { contains: "…" } or { matches: "regex" }');
export type TextMatcher = z.infer<typeof textMatcherSchema>;

const jsonValueSchema = z.json();

/** The next outgoing HTTP or Function request not yet asserted; every key given must match. */
export const requestMatcherSchema = strict({
  url: z
    .string()
    .min(1)
    .optional()
    .describe("the URL, `*` matching anything; without `?` the query string is not compared"),
  method: z.string().min(1).optional().describe("GET, POST…, in any letter case (a Function is always POST)"),
  body: z
    .union([z.string(), z.record(z.string(), jsonValueSchema)])
    .optional()
    .describe(
      "text: the body exactly; a mapping: fields of the JSON or form-encoded body, each compared (a partial match)",
    ),
  params: z
    .record(z.string(), jsonValueSchema)
    .optional()
    .describe("the widget's rendered parameters, a partial match; values compared as text"),
}).describe("the next outgoing HTTP or Function request not asserted yet");
export type RequestMatcher = z.infer<typeof requestMatcherSchema>;

export const expectKeys = ["send", "say", "widget", "variables", "ended", "request", "execution"] as const;

export const expectationSchema = strict({
  send: textMatcherSchema.optional().describe("the next message the flow sends (each consumes one message)"),
  say: textMatcherSchema.optional().describe("the next text the flow speaks on the call (Say/Play, Gather)"),
  widget: z.string().min(1).optional().describe("the widget the execution is waiting at now"),
  variables: z
    .record(z.string(), jsonValueSchema)
    .optional()
    .describe('a subset of flow.variables, compared exactly (the number 2 is not the text "2")'),
  ended: z.boolean().optional().describe("whether the current execution has ended"),
  request: requestMatcherSchema.optional(),
  execution: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      "which execution of the scenario is the current one: 1, then 2 after a reply restarted the flow…",
    ),
}).refine((e) => Object.keys(e).length > 0, {
  error: `expect needs at least one of ${expectKeys.join(", ")}`,
});
export type Expectation = z.infer<typeof expectationSchema>;

/** An event from Twilio for the waiting widget, with the parameters Twilio would send. */
export const eventStepSchema = z
  .union([
    z.string().min(1, { error: "event must name an event, such as callCompleted" }),
    strict({
      name: z.string().min(1),
      params: z
        .record(z.string(), jsonValueSchema)
        .optional()
        .describe("written under widgets.NAME, e.g. DialCallStatus: busy"),
    }),
  ])
  .describe(
    "an event from Twilio for the waiting widget: callCompleted, failedToEnqueue, recordingComplete…",
  );
export type EventStep = z.infer<typeof eventStepSchema>;

const stepKeys = ["expect", "reply", "wait", "press", "speak", "hangup", "deliveryFailure", "event"] as const;

export const stepSchema = strict({
  expect: expectationSchema.optional(),
  reply: text("reply")
    .optional()
    .describe("the contact's message: to the waiting widget, or a new execution once the last one ended"),
  wait: z
    .number()
    .nonnegative()
    .optional()
    .describe("seconds on the simulated clock; timeouts that fall due fire"),
  press: text("press").optional().describe("DTMF digits on a call"),
  speak: text("speak").optional().describe("speech on a call"),
  hangup: z.literal(true).optional().describe("the caller hangs up"),
  deliveryFailure: z
    .literal(true)
    .optional()
    .describe("the message Send & Wait For Reply sent was not delivered"),
  event: eventStepSchema.optional(),
}).refine((s) => Object.keys(s).length === 1, {
  error: `a step has exactly one of ${stepKeys.join(", ")}`,
});
export type Step = z.infer<typeof stepSchema>;

export const messageEvents: readonly TriggerEvent[] = ["incomingMessage", "incomingConversationMessage"];
/** Events Twilio starts with a webhook, whose other parameters (FromCity…) the flow can read. */
export const webhookEvents: readonly TriggerEvent[] = [...messageEvents, "incomingCall"];
const listed = (events: readonly string[]) =>
  `${events.slice(0, -1).join(", ")}${events.length > 2 ? "," : ""} and ${events[events.length - 1]}`;

const triggerShape = {
  event: z.enum(triggerEvents),
  /** Messages and calls: the contact. incomingRequest: the REST API's From (the flow's address). */
  from: text("from").optional(),
  /** Messages and calls: the Twilio address. incomingRequest: the REST API's To (the contact). */
  to: text("to").optional(),
  body: text("body").optional(),
  /** incomingRequest: flow.data and trigger.request.parameters. incomingParent: trigger.parent.parameters. */
  parameters: z.record(z.string(), jsonValueSchema).optional(),
};
export const triggerKeys = Object.keys(triggerShape);
/** The webhook parameters the keys above already set; a second spelling would contradict them. */
const setByKeys: Readonly<Record<string, string>> = { From: "from", To: "to", Body: "body" };

/** Twilio spells its webhook parameters with a capital first letter (FromCity, ChannelAttributes…). */
export const isWebhookParameter = (key: string) => /^[A-Z]/.test(key) && !(key in setByKeys);
const webhookValue = text("a Twilio webhook parameter");

/**
 * A trigger: the keys above, plus for message and call triggers any Twilio webhook parameter
 * (`FromCity: "SAN FRANCISCO"`), which the flow reads as `trigger.message.FromCity` and the like.
 * Any other key is an unknown key, reported even beside other problems (a misspelt key usually
 * explains them).
 */
export const scenarioTriggerSchema = z
  .object(triggerShape, {
    error: (issue) =>
      issue.code === "invalid_type" && issue.input !== undefined
        ? `expected a mapping with ${triggerKeys.join(", ")}`
        : undefined,
  })
  .catchall(z.unknown())
  .superRefine(
    (trigger, ctx) => {
      const unknown = Object.keys(trigger).filter(
        (key) => !triggerKeys.includes(key) && !isWebhookParameter(key) && !(key in setByKeys),
      );
      if (unknown.length > 0)
        ctx.addIssue({
          code: "unrecognized_keys",
          keys: unknown,
          message: `unknown key ${unknown.map((k) => `"${k}"`).join(", ")}; allowed: ${triggerKeys.join(", ")} or a Twilio webhook parameter such as FromCity`,
        });
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  )
  .superRefine((trigger, ctx) => {
    const issue = (path: string[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const { event } = trigger;
    // incomingParent: a Subflow started by its parent, which has the contact and address (or not).
    if (event !== "incomingParent")
      for (const key of ["from", "to"] as const)
        if (trigger[key] === undefined) issue([], `${key} is required`);
    if (trigger.body !== undefined && !messageEvents.includes(event))
      issue(["body"], `body is only for ${listed(messageEvents)} triggers`);
    if (trigger.parameters !== undefined && event !== "incomingRequest" && event !== "incomingParent")
      issue(["parameters"], "parameters are only for incomingRequest and incomingParent triggers");
    for (const [key, value] of Object.entries(trigger)) {
      if (key in setByKeys) {
        issue([key], `${key} is set by ${setByKeys[key]}; write ${setByKeys[key]} instead`);
        continue;
      }
      if (!isWebhookParameter(key)) continue;
      if (!webhookEvents.includes(event))
        issue(
          [key],
          `Twilio webhook parameters such as ${key} are only for ${listed(webhookEvents)} triggers`,
        );
      else {
        const checked = webhookValue.safeParse(value);
        if (!checked.success) issue([key], checked.error.issues[0]?.message ?? "must be text");
      }
    }
  });
export type ScenarioTrigger = z.infer<typeof scenarioTriggerSchema>;

export const scenarioSchema = strict({
  name: text("name")
    .min(1, { error: "name must not be empty" })
    .describe("unique in the file; names it in reports"),
  trigger: scenarioTriggerSchema,
  mocks: mocksSchema.optional().describe("answers for HTTP requests, Functions, Subflows and failed sends"),
  steps: z.array(stepSchema).describe("actions and expectations, in order"),
});
export type Scenario = z.infer<typeof scenarioSchema>;

/** `subflows:`: files by flow SID. */
export const subflowsSchema = z.record(flowSidSchema, text("a subflow's file").min(1), {
  error: (issue) => (issue.code === "invalid_key" ? "a Studio Flow SID (FW and 32 hex digits)" : undefined),
});

export const scenarioFileSchema = strict({
  flow: text("flow")
    .min(1, { error: "flow must name a flow file" })
    .describe("a flow module (.ts, default export) or a .json definition, relative to this file"),
  subflows: subflowsSchema
    .optional()
    .describe(
      "Subflows Run Subflow runs, by flow SID: a flow module or a .json definition, relative to this file",
    ),
  strict: z
    .boolean()
    .optional()
    .describe("a message sent or text said that no step expects fails the scenario"),
  scenarios: z.array(scenarioSchema).min(1, { error: "scenarios must list at least one scenario" }),
}).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.scenarios.forEach((scenario, index) => {
    if (seen.has(scenario.name))
      ctx.addIssue({
        code: "custom",
        path: ["scenarios", index, "name"],
        message: `scenario name "${scenario.name}" is used twice; names identify scenarios in reports`,
      });
    seen.add(scenario.name);
  });
});
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
