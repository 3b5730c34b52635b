/**
 * Widget steps per second on the tutorial conversation and on a Liquid-heavy flow, next to
 * the floor: rendering the very same templates (captured from one conversation, pre-parsed)
 * with liquidjs alone. Goals: the Liquid-heavy flow at ≥ 100% of the floor, the tutorial at
 * ≥ 120% (issue 16). `npm run bench -- engine-steps [conversations]`.
 */
import fs from "node:fs";
import { type Template } from "liquidjs";
import { type ConditionType, type FlowDefinition, type State } from "../src/definition";
import { startExecution, studioLiquid, traceRenders, type TriggerInput } from "../src/engine";
import { seedFlowPath } from "../test/support/fixtures";
import { median } from "./stats";

const w = (
  name: string,
  type: string,
  wiring: Record<string, string | undefined>,
  properties: object,
): State => ({
  name,
  type,
  transitions: Object.entries(wiring).map(([event, next]) => (next ? { event, next } : { event })),
  properties: properties as Record<string, unknown>,
});
const cond = (type: ConditionType, argument: string, value: string) => ({
  friendly_name: type,
  arguments: [argument],
  type,
  value,
});

/** A shop bot whose every property is Liquid: variables, loops over an order, filters, dates. */
export const liquidHeavyFlow: FlowDefinition = {
  initial_state: "Trigger",
  states: [
    w("Trigger", "trigger", { incomingMessage: "vars" }, {}),
    w(
      "vars",
      "set-variables",
      { next: "check" },
      {
        variables: [
          {
            key: "count",
            value: "{% if flow.variables.count %}{{flow.variables.count | plus: 1}}{% else %}1{% endif %}",
          },
          { key: "name", value: "{{ trigger.message.Body | strip | split: ' ' | first | capitalize }}" },
          {
            key: "total",
            value:
              "{% assign t = 0 %}{% for i in trigger.message.Items %}{% assign t = t | plus: i.price %}{% endfor %}{{ t }}",
          },
          { key: "day", value: "{{ 'now' | date: '%A' }}" },
          { key: "items", value: "{{ trigger.message.Items | map: 'name' | join: ', ' }}" },
        ],
      },
    ),
    {
      name: "check",
      type: "split-based-on",
      properties: { input: "{{flow.variables.total}}" },
      transitions: [
        { event: "noMatch", next: "summary" },
        {
          event: "match",
          next: "summary",
          conditions: [cond("greater_than", "{{flow.variables.total}}", "{{ 1000 | minus: 1 }}")],
        },
        {
          event: "match",
          next: "summary",
          conditions: [cond("contains", "{{trigger.message.Body | downcase}}", "{{ 'VIP' | downcase }}")],
        },
      ],
    },
    w(
      "summary",
      "send-and-wait-for-reply",
      { incomingMessage: "route", timeout: undefined, deliveryFailure: undefined },
      {
        from: "{{flow.channel.address}}",
        body: "Hi {{flow.variables.name}}! {% for i in trigger.message.Items %}{{ i.name | capitalize }}: ${{ i.price | times: 1.2 | round: 2 }}{% unless forloop.last %}, {% endunless %}{% endfor %}. Total {{ flow.variables.total | times: 1.2 | round: 2 }} on {{flow.variables.day}}. Reply YES to confirm.",
        timeout: "{{ 60 | times: 60 }}",
      },
    ),
    {
      name: "route",
      type: "split-based-on",
      properties: { input: "{{widgets.summary.inbound.Body | strip | downcase}}" },
      transitions: [
        { event: "noMatch", next: "confirm" },
        {
          event: "match",
          next: "confirm",
          conditions: [
            cond(
              "matches_any_of",
              "{{widgets.summary.inbound.Body | strip | downcase}}",
              "{{ 'yes,yep,sure' }}",
            ),
          ],
        },
      ],
    },
    w(
      "confirm",
      "send-message",
      { sent: undefined, failed: undefined },
      {
        from: "{{flow.channel.address}}",
        to: "{{contact.channel.address}}",
        body: "{% case widgets.summary.inbound.Body | downcase %}{% when 'yes' %}Confirmed{% else %}Cancelled{% endcase %} order {{ flow.sid | slice: 2, 8 | upcase }} for {{ flow.variables.items | truncate: 40 }} at {{ 'now' | date: '%Y-%m-%d %H:%M' }} ({{ flow.variables.count }}).",
      },
    ),
  ],
};

interface Case {
  readonly label: string;
  readonly definition: FlowDefinition;
  readonly trigger: TriggerInput;
  readonly reply: string;
  /** The engine's goal, in percent of the floor. */
  readonly goal: number;
}

const items = Array.from({ length: 8 }, (_, i) => ({ name: `item ${i}`, price: 10 + i * 7 }));
const cases = (): Case[] => [
  {
    label: "tutorial conversation",
    definition: JSON.parse(fs.readFileSync(seedFlowPath, "utf8")) as FlowDefinition,
    trigger: { event: "incomingConversationMessage", from: "+15558675310", to: "+15017122661", body: "hi" },
    reply: "Yes",
    goal: 120,
  },
  {
    label: "Liquid-heavy flow",
    definition: liquidHeavyFlow,
    trigger: {
      event: "incomingMessage",
      from: "+15558675310",
      to: "+15017122661",
      body: " ada vip ",
      Items: items,
    },
    reply: " yes ",
    goal: 100,
  },
];

const now = new Date("2024-05-01T12:00:00Z");

/** One conversation: start, one reply, to the end. Returns its step count. */
async function converse(c: Case): Promise<number> {
  const e = await startExecution(c.definition, c.trigger, {
    now,
    executionSid: "FN0123456789abcdef0123456789abcdef",
  });
  await e.reply(c.reply);
  if (e.status !== "ended") throw new Error(`${c.label}: the conversation did not end`);
  return e.steps.length;
}

/**
 * The Liquid sources the engine renders in one conversation (plain text excluded: no Liquid
 * work), each pre-parsed by liquidjs, with the scope it was rendered against.
 */
async function captureRenders(c: Case): Promise<[Template[], object][]> {
  const captured: [string, object][] = [];
  const stop = traceRenders((source, scope) => captured.push([source, scope]));
  try {
    await converse(c);
  } finally {
    stop();
  }
  const liquid = studioLiquid();
  return captured
    .filter(([source]) => source.includes("{{") || source.includes("{%"))
    .map(([source, scope]) => [liquid.parse(source), scope]);
}

/** CPU seconds (user + system) since `start`: the machine is shared, and other processes' load barely changes them. */
function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

async function timeEngine(c: Case, n: number): Promise<{ seconds: number; steps: number }> {
  let steps = 0;
  const t0 = process.cpuUsage();
  for (let i = 0; i < n; i++) steps += await converse(c);
  return { seconds: cpuSecondsSince(t0), steps };
}

function timeFloor(renders: [Template[], object][], n: number): number {
  const liquid = studioLiquid();
  let sink = 0;
  const t0 = process.cpuUsage();
  for (let i = 0; i < n; i++)
    for (const [tpl, scope] of renders) sink += String(liquid.renderSync(tpl, scope)).length;
  const seconds = cpuSecondsSince(t0);
  if (sink < 0) throw new Error("unreachable");
  return seconds;
}

/**
 * Engine and floor alternate in `rounds` chunks, timed in CPU time; each round's ratio compares
 * two neighbouring timings, so load from other processes hits both alike, and the median round
 * is reported.
 */
export async function run(args: string[]): Promise<void> {
  const n = Number(args[0] ?? 20_000);
  const rounds = 9;
  const chunk = Math.max(1, Math.floor(n / rounds));
  const rows: string[] = [];
  for (const c of cases()) {
    await timeEngine(c, Math.min(2000, n)); // warm-up: JIT, template cache
    const renders = await captureRenders(c);
    timeFloor(renders, Math.min(2000, n));
    const engineRates: number[] = [];
    const floorRates: number[] = [];
    const ratios: number[] = [];
    let stepsPerConversation = 0;
    for (let r = 0; r < rounds; r++) {
      const engine = await timeEngine(c, chunk);
      stepsPerConversation = engine.steps / chunk;
      const engineRate = engine.steps / engine.seconds;
      const floorRate = engine.steps / timeFloor(renders, chunk);
      engineRates.push(engineRate);
      floorRates.push(floorRate);
      ratios.push(engineRate / floorRate);
    }
    const fmt = (rate: number) => Math.round(rate).toLocaleString("en-US").padStart(9);
    rows.push(
      `${c.label.padEnd(22)} engine ${fmt(median(engineRates))} steps/CPU-s | floor: liquidjs alone, ${renders.length} pre-parsed ` +
        `renders/conversation ${fmt(median(floorRates))} steps/CPU-s | ${(100 * median(ratios)).toFixed(0)}% of floor ` +
        `(goal ≥ ${c.goal}%; rounds ${Math.round(100 * Math.min(...ratios))}–${Math.round(100 * Math.max(...ratios))}%)` +
        ` | ${stepsPerConversation} steps/conversation, medians of ${rounds} × ${chunk} conversations`,
    );
  }
  process.stdout.write(rows.join("\n") + "\n");
}
