import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as builder from "../../src/builder";
import { formatTypeScript } from "../../src/cli";
import { factoryName, importFlow, ImportError } from "../../src/codegen";
import { compileWithIssues } from "../../src/compiler";
import { canonicalDefinition, canonicalJson, widgetTypes, type FlowDefinition } from "../../src/definition";
import { validateDefinition } from "../../src/validator";
import { generateFlow } from "../../bench/generate-flow";
import { seedFlowPath } from "../support/fixtures";

const root = path.resolve(__dirname, "..", "..");
const generated = path.join(root, "test", ".generated", "import");
const fixtures = path.join(__dirname, "fixtures");
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as FlowDefinition;
const tutorial = read(seedFlowPath);
const tricky = read(path.join(fixtures, "import-tricky.json"));

/** The module as `studiokit import --out flows/<name>.ts` writes it. */
async function imported(definition: FlowDefinition, source: string) {
  const result = importFlow(definition, { builderImport: "../src/builder", source });
  const { code } = await formatTypeScript(result.code, path.join(root, "flows", "imported.ts"));
  return { code, warnings: result.warnings };
}

/** Writes the module where it can import the builder, and compiles it without throwing. */
async function compileGenerated(definition: FlowDefinition, name: string) {
  const file = path.join(generated, `${name}.ts`);
  const { code } = importFlow(definition, { builderImport: "../../../src/builder" });
  fs.writeFileSync(file, code);
  const module = (await import(file)) as { default: builder.Flow };
  return compileWithIssues(module.default);
}

beforeAll(() => {
  fs.rmSync(generated, { recursive: true, force: true });
  fs.mkdirSync(generated, { recursive: true });
});

// Removed afterwards: a stale module would fail `npm run typecheck` once the builder changes.
afterAll(() => fs.rmSync(generated, { recursive: true, force: true }));

describe("importFlow", () => {
  it("writes the tutorial flow as idiomatic builder code", async () => {
    expect(await imported(tutorial, "do-you-like-bots.json")).toEqual({
      code: `// Imported from do-you-like-bots.json by studiokit import.
import { flow, matchesAnyOf, sendAndWaitForReply, sendMessage, splitBasedOn } from "../src/builder";

const sendAndReply1 = sendAndWaitForReply("send_and_reply_1", {
  body: "Hi, do you like bots?",
  offset: { x: 70, y: 170 },
});
const sendMessage1 = sendMessage("send_message_1", { body: "👻", offset: { x: -280, y: 600 } });
const sendMessage2 = sendMessage("send_message_2", { body: "🤖", offset: { x: 30, y: 600 } });
const sendMessage3 = sendMessage("send_message_3", { body: "👽", offset: { x: 340, y: 590 } });
const split1 = splitBasedOn("split_1", { input: sendAndReply1.inbound.Body, offset: { x: -100, y: 370 } });

sendAndReply1.on("incomingMessage", split1);
split1
  .otherwise(sendMessage1)
  .when(matchesAnyOf("yes", "Yes"), sendMessage2)
  .when(matchesAnyOf("no", "No"), sendMessage3);

export default flow({ description: "A New Flow", on: { incomingConversationMessage: sendAndReply1 } });
`,
      warnings: [],
    });
    const { definition, issues } = await compileGenerated(tutorial, "tutorial");
    expect(canonicalJson(definition)).toBe(canonicalJson(tutorial));
    expect(issues).toEqual([]);
  });

  it("handles names, reserved words, cycles, references, raw widgets, conditions and extras", async () => {
    expect(await imported(tricky, "import-tricky.json")).toEqual({
      code: fs.readFileSync(path.join(fixtures, "import-tricky.expected.txt"), "utf8"),
      warnings: [
        'widget "2fa code": written with raw(): studiokit has no factory for widget type "future-widget"',
        'widget "ask": transition "deliveryFailure" goes to "ghost", which is not a widget of this flow; left unwired',
        'widget "flow": is_blank condition "blank": it has no value; written with rawCondition',
      ],
    });
  });

  it("compiles the edge cases back to the input, save the transition to a widget that does not exist", async () => {
    const expected = structuredClone(tricky);
    const ask = expected.states.find((s) => s.name === "ask")!;
    ask.transitions = ask.transitions.map(({ next, ...t }) => (next === "ghost" ? t : { next, ...t }));
    const { definition, issues } = await compileGenerated(tricky, "tricky");
    expect(canonicalJson(definition)).toBe(canonicalJson(expected));
    expect(issues).toEqual(validateDefinition(canonicalDefinition(expected)));
  });

  it("round-trips a generated flow with loops, branches and references between widgets", async () => {
    const source = compileWithIssues(generateFlow(120)).definition;
    const { definition, issues } = await compileGenerated(source, "generated");
    expect(canonicalJson(definition)).toBe(canonicalJson(source));
    expect(issues).toEqual([]);
  });

  it("writes a reference to a Run Subflow's variable as sub.at(…) and compiles it back", async () => {
    const flow = structuredClone(tutorial);
    const trigger = flow.states.find((s) => s.type === "trigger")!;
    trigger.transitions = trigger.transitions.map((t) =>
      t.event === "incomingConversationMessage" ? { event: t.event, next: "sub" } : t,
    );
    flow.states.push(
      {
        name: "sub",
        type: "run-subflow",
        transitions: [{ event: "completed", next: "told" }, { event: "failed" }],
        properties: { flow_sid: "FW00000000000000000000000000000001", flow_revision: "LatestPublished" },
      },
      {
        name: "told",
        type: "send-message",
        transitions: [{ event: "sent" }, { event: "failed" }],
        properties: {
          from: "{{flow.channel.address}}",
          to: "{{contact.channel.address}}",
          body: "{{widgets.sub.order.id}}",
        },
      },
    );
    const { code } = await imported(flow, "flow.json");
    expect(code).toContain('body: sub.at("order", "id")');
    const { definition } = await compileGenerated(flow, "subflow-ref");
    expect(definition.states.find((s) => s.name === "told")!.properties.body).toBe(
      "{{widgets.sub.order.id}}",
    );
  });

  it("keeps ${…} placeholders, backticks and quotes in strings as they are", async () => {
    const text = "Hi ${name} `tick` \"q\" 'a' \\ ${{flow.data.x}}";
    const flow = structuredClone(tutorial);
    flow.states.find((s) => s.name === "send_message_1")!.properties.body = text;
    const { definition } = await compileGenerated(flow, "placeholders");
    expect(definition.states.find((s) => s.name === "send_message_1")!.properties.body).toBe(text);
  });

  it("refuses a flow without a trigger at its initial state, or with two widgets of one name", () => {
    const noTrigger = { ...tutorial, initial_state: "split_1" };
    expect(() => importFlow(noTrigger, { builderImport: "x" })).toThrow(
      new ImportError('initial_state "split_1" is not a trigger widget; a flow starts at its Trigger'),
    );
    const twice = { ...tutorial, states: [...tutorial.states, tutorial.states[5]!] };
    expect(() => importFlow(twice, { builderImport: "x" })).toThrow(
      new ImportError('two widgets are named "split_1"; Studio requires unique names, rename one'),
    );
  });

  it("names each widget type's factory as the builder exports it", () => {
    const factories = builder.widgetFactories as Record<string, unknown>;
    const exported = builder as unknown as Record<string, unknown>;
    for (const type of widgetTypes.filter((t) => t !== "trigger")) {
      expect([type, exported[factoryName(type)]]).toEqual([type, factories[type]]);
    }
  });
});
