import type * as Yaml from "yaml";
import { type TranscriptEntry } from "../../engine";
import { flowYaml } from "./describe";
import { parseScenarioText } from "./parse";
import { type ScenarioTrigger, type Step } from "./schema";

/** What happened in one execution, as a scenario can say it. */
export interface RecordedRun {
  readonly name: string;
  readonly trigger: ScenarioTrigger;
  readonly transcript: readonly TranscriptEntry[];
  /** Seconds the clock moved, each after that many transcript entries (a `wait` step). */
  readonly waits?: ReadonlyArray<{ readonly after: number; readonly seconds: number }>;
  /** Where it ended up: ended, or waiting at a widget. */
  readonly end: { readonly ended: true } | { readonly widget: string };
}

/** One transcript entry as a step, or nothing for entries a scenario does not assert. */
function stepOf(entry: TranscriptEntry): Step | undefined {
  switch (entry.kind) {
    case "send":
      return { expect: { send: entry.body } };
    case "say":
      return { expect: { say: entry.text } };
    case "reply":
      return { reply: entry.body };
    case "press":
      return { press: entry.digits };
    case "speak":
      return { speak: entry.text };
    case "hangup":
      return { hangup: true };
    case "wait":
      return { wait: entry.seconds };
    default:
      return undefined;
  }
}

/** The steps that replay a run: what it sent and said, what the contact did, the clock's moves. */
export function recordedSteps(run: RecordedRun): Step[] {
  const steps: Step[] = [];
  const waits = [...(run.waits ?? [])].sort((a, b) => a.after - b.after);
  let w = 0;
  run.transcript.forEach((entry, i) => {
    for (; w < waits.length && waits[w]!.after <= i; w++) steps.push({ wait: waits[w]!.seconds });
    const step = stepOf(entry);
    if (step !== undefined) steps.push(step);
  });
  for (; w < waits.length; w++) steps.push({ wait: waits[w]!.seconds });
  steps.push({ expect: run.end });
  return steps;
}

/** One scenario as the YAML of a `scenarios:` list item, indented as the files in flows/ are. */
export function scenarioYaml(run: RecordedRun): string {
  const lines = [
    `  - name: ${JSON.stringify(run.name)}`,
    `    trigger: ${flowYaml(run.trigger)}`,
    "    steps:",
    ...recordedSteps(run).map((step) => `      - ${flowYaml(step).replace(/^\{ (.*) \}$/, "$1")}`),
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * A scenario file's text with one more scenario at the end of its `scenarios:` list; a new file
 * (`existing` undefined) names the flow. The result is read back with the scenario parser, so a
 * file this would break is refused (ScenarioFileError) and never written.
 */
export function appendScenario(
  existing: string | undefined,
  flow: string,
  item: string,
  file: string,
): string {
  let text: string;
  if (existing === undefined || existing.trim() === "") {
    text = `flow: ${JSON.stringify(flow)}\nscenarios:\n${item}`;
  } else {
    parseScenarioText(existing, file);
    // Loaded here, on a save: `studiokit test` reads scenario files and never needs it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use
    const { isMap, isSeq, parseDocument } = require("yaml") as typeof Yaml;
    const doc = parseDocument(existing);
    const scenarios = isMap(doc.contents) ? doc.contents.get("scenarios", true) : undefined;
    const end = isSeq(scenarios) ? scenarios.range?.[2] : undefined;
    const body = existing.replace(/\s*$/, "\n");
    // The list ends the file (as in every file this writes): append there, keeping every byte
    // before it. Otherwise let the YAML library insert the item, comments kept.
    if (end !== undefined && existing.slice(end).trim() === "" && isSeq(scenarios) && !scenarios.flow)
      text = body + item;
    else {
      const parsedItem = parseDocument(`scenarios:\n${item}`).get("scenarios", true);
      if (!isSeq(scenarios) || !isSeq(parsedItem)) throw new Error(`${file}: scenarios is not a list`);
      for (const node of parsedItem.items) scenarios.items.push(node);
      text = doc.toString();
    }
  }
  parseScenarioText(text, file);
  return text;
}
