import { describe, expect, it } from "vitest";
import { type FlowDefinition } from "../../src/definition";
import { type Execution } from "../../src/engine";
import { CoverageTracker, formatCoverage } from "../../src/testing";
import { flow, run, sms, widget } from "../engine/helpers";

const flowSid = "FW00000000000000000000000000000001";
const send = (name: string, body: string, next?: string) =>
  widget(name, "send-message", { sent: next, failed: undefined }, { body });
const matchTo = (next: string, value: string) => ({
  event: "match",
  next,
  conditions: [
    {
      friendly_name: `If value equal_to ${value}`,
      arguments: ["{{trigger.message.Body}}"],
      type: "equal_to" as const,
      value,
    },
  ],
});

/** Two match transitions go to the same widget: only the match index tells them apart. */
const menu: FlowDefinition = {
  ...flow(
    "incomingMessage",
    "route",
    {
      name: "route",
      type: "split-based-on",
      properties: { input: "{{trigger.message.Body}}" },
      transitions: [
        { event: "noMatch", next: "help" },
        matchTo("sales", "1"),
        matchTo("sales", "buy"),
        matchTo("Ended", "bye"),
      ],
    },
    send("sales", "Sales here", "done"),
    send("help", "Say 1 or buy"),
    send("done", "Thanks"),
    // A widget may be called "Ended", the word steps use for the end of an execution.
    send("Ended", "Bye"),
    send("orphan", "never reached"),
  ),
};
menu.states[0]!.transitions.push({ event: "incomingCall", next: "orphan" });

const executions = (...bodies: string[]) => Promise.all(bodies.map((b) => run(menu, sms(b))));

function trackerOf(definition: FlowDefinition, list: readonly Execution[]): CoverageTracker {
  const tracker = new CoverageTracker(definition);
  for (const e of list) tracker.record(e.steps, flowSid);
  return tracker;
}

describe("engine/coverage", () => {
  it("counts wired transitions by widget, event and match index, and widgets reached", async () => {
    const tracker = trackerOf(menu, await executions("1"));
    expect(tracker.report("flows/menu.json")).toEqual({
      flow: "flows/menu.json",
      executions: 1,
      widgets: { reached: 4, total: 7, unreached: ["help", "Ended", "orphan"] },
      transitions: {
        taken: 3,
        total: 7,
        untaken: [
          { widget: "Trigger", event: "incomingCall", next: "orphan" },
          { widget: "route", event: "noMatch", next: "help" },
          { widget: "route", event: "match", match: 1, next: "sales", label: "If value equal_to buy" },
          { widget: "route", event: "match", match: 2, next: "Ended", label: "If value equal_to bye" },
        ],
      },
    });
    expect(formatCoverage([tracker.report("flows/menu.json")])).toBe(
      [
        "coverage:",
        "  flows/menu.json: widgets 4/7 (57%), transitions 3/7 (42%)",
        "    widget not reached: help",
        "    widget not reached: Ended",
        "    widget not reached: orphan",
        "    transition not taken: Trigger incomingCall → orphan",
        "    transition not taken: route noMatch → help",
        '    transition not taken: route match[1] → sales ("If value equal_to buy")',
        '    transition not taken: route match[2] → Ended ("If value equal_to bye")',
        "",
      ].join("\n"),
    );
  });

  it("adds up executions; unwired events (sent with no next) are not transitions", async () => {
    const tracker = trackerOf(menu, await executions("1", "buy", "what?", "bye"));
    const report = tracker.report("menu");
    expect(report.transitions).toEqual({
      taken: 6,
      total: 7,
      untaken: [{ widget: "Trigger", event: "incomingCall", next: "orphan" }],
    });
    expect(report.widgets).toEqual({ reached: 6, total: 7, unreached: ["orphan"] });
    expect(formatCoverage([report, new CoverageTracker(menu).report("never run")])).toBe(
      [
        "coverage:",
        "  menu: widgets 6/7 (85%), transitions 6/7 (85%)",
        "    widget not reached: orphan",
        "    transition not taken: Trigger incomingCall → orphan",
        "  never run: widgets 0/7 (0%), transitions 0/7 (0%)",
        "    widget not reached: Trigger",
        "    widget not reached: route",
        "    widget not reached: sales",
        "    widget not reached: help",
        "    widget not reached: done",
        "    widget not reached: Ended",
        "    widget not reached: orphan",
        "    transition not taken: Trigger incomingMessage → route",
        "    transition not taken: Trigger incomingCall → orphan",
        "    transition not taken: route noMatch → help",
        '    transition not taken: route match[0] → sales ("If value equal_to 1")',
        '    transition not taken: route match[1] → sales ("If value equal_to buy")',
        '    transition not taken: route match[2] → Ended ("If value equal_to bye")',
        "    transition not taken: sales sent → done",
        "",
      ].join("\n"),
    );
  });

  it("leaves out the steps a subflow ran inside the execution", async () => {
    const parent = flow(
      "incomingMessage",
      "sub",
      widget(
        "sub",
        "run-subflow",
        { completed: "done", failed: undefined },
        { flow_sid: "FWsub", flow_revision: "LatestPublished" },
      ),
      send("done", "back"),
    );
    parent.states[0]!.transitions.push({ event: "incomingCall", next: "done" });
    // The child's Trigger → inner is its transition 1, like the parent's Trigger → done.
    const child = flow("incomingMessage", "inner", send("inner", "child"));
    child.states[0]!.transitions = [{ event: "incomingMessage" }, { event: "incomingParent", next: "inner" }];
    const e = await run(parent, sms("hi"), { subflows: { FWsub: child } });
    expect(
      e.steps.map((s) => `${s.flow_sid === flowSid ? "parent" : "child"} ${s.transitioned_from} ${s.name}`),
    ).toEqual([
      "parent Trigger incomingMessage",
      "child Trigger incomingParent",
      "child inner sent",
      "parent sub completed",
      "parent done sent",
    ]);
    expect(trackerOf(parent, [e]).report("parent")).toEqual({
      flow: "parent",
      executions: 1,
      widgets: { reached: 3, total: 3, unreached: [] },
      transitions: {
        taken: 2,
        total: 3,
        untaken: [{ widget: "Trigger", event: "incomingCall", next: "done" }],
      },
    });
    const unfiltered = new CoverageTracker(parent);
    unfiltered.record(e.steps);
    expect(unfiltered.report("parent").transitions.taken).toBe(3);
  });
});
