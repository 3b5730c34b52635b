import { z } from "zod";
import { triggerEvents, type TriggerEvent } from "../../definition";
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

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** What a sent or spoken text must be: exact text, a substring, or a regular expression (unanchored). */
export const textMatcherSchema = z.union(
  [
    z.string(),
    strict({ contains: z.string() }),
    strict({
      matches: z.string().refine(compiles, { error: "matches is not a valid regular expression" }),
    }),
  ],
  { error: 'expected text, { contains: "…" } or { matches: "regex" }' },
);
export type TextMatcher = z.infer<typeof textMatcherSchema>;

const jsonValueSchema = z.json();

export const expectationSchema = strict({
  /** The next message the flow sends (each `send` expectation consumes one message). */
  send: textMatcherSchema.optional(),
  /** The next text the flow speaks on the call (Say/Play, Gather prompts). */
  say: textMatcherSchema.optional(),
  /** The widget the execution is waiting at now. */
  widget: z.string().min(1).optional(),
  /** A subset of `flow.variables`, compared exactly (a number is not the string "2"). */
  variables: z.record(z.string(), jsonValueSchema).optional(),
  ended: z.boolean().optional(),
}).refine((e) => Object.keys(e).length > 0, {
  error: "expect needs at least one of send, say, widget, variables, ended",
});
export type Expectation = z.infer<typeof expectationSchema>;

const stepKeys = ["expect", "reply", "wait", "press", "speak", "hangup", "deliveryFailure"] as const;

export const stepSchema = strict({
  expect: expectationSchema.optional(),
  /** The contact answers a waiting message widget. */
  reply: text("reply").optional(),
  /** Seconds on the simulated clock; timeouts that fall due fire. */
  wait: z.number().nonnegative().optional(),
  /** DTMF digits on a call. */
  press: text("press").optional(),
  /** Speech on a call. */
  speak: text("speak").optional(),
  hangup: z.literal(true).optional(),
  /** The message Send & Wait for Reply sent was not delivered: it takes `deliveryFailure`. */
  deliveryFailure: z.literal(true).optional(),
}).refine((s) => Object.keys(s).length === 1, {
  error: `a step has exactly one of ${stepKeys.join(", ")}`,
});
export type Step = z.infer<typeof stepSchema>;

const messageEvents: readonly TriggerEvent[] = ["incomingMessage", "incomingConversationMessage"];
/** Events Twilio starts with a webhook, whose other parameters (FromCity…) the flow can read. */
const webhookEvents: readonly TriggerEvent[] = [...messageEvents, "incomingCall"];
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
const triggerKeys = Object.keys(triggerShape);
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
  name: text("name").min(1, { error: "name must not be empty" }),
  trigger: scenarioTriggerSchema,
  mocks: mocksSchema.optional(),
  steps: z.array(stepSchema),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const scenarioFileSchema = strict({
  /** A builder module (default export) or a .json definition, relative to the scenario file. */
  flow: text("flow").min(1, { error: "flow must name a flow file" }),
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
