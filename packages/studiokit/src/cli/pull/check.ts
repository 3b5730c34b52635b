import { diffDefinitions, diffMarkdown, isEmptyDiff } from "../../codegen";
import { FlowFileError, isCompileError, loadFlowFile } from "../../compiler";
import { type FlowDefinition } from "../../definition";
import { type Io } from "../command";
import { type LiveFlow } from "./account";

/** The flow a pulled module compiles to, even one the validator finds errors in (Studio took it). */
function codeOf(file: string, cwd: string): FlowDefinition | string {
  try {
    return loadFlowFile(file, cwd).definition;
  } catch (error) {
    if (isCompileError(error) && error.definition !== undefined) return error.definition;
    if (error instanceof FlowFileError) return error.message;
    throw error;
  }
}

/**
 * `pull --check`: for each live flow, the widget-keyed diff from the module in `--out` (before)
 * to what is live (after), on stdout. Returns how many differ; a missing module differs.
 */
export function checkDrift(
  flows: readonly LiveFlow[],
  target: (flow: LiveFlow) => { shown: string },
  io: Io,
): number {
  let drifted = 0;
  for (const flow of flows) {
    const { shown } = target(flow);
    const head = `${shown} (${flow.sid}, "${flow.friendlyName}", revision ${flow.revision})`;
    const code = codeOf(shown, io.cwd);
    if (typeof code === "string") {
      drifted++;
      io.stdout(
        `${head}: ${code.endsWith("no such file") ? "not in the code; studiokit pull writes it" : code}\n\n`,
      );
      continue;
    }
    const diff = diffDefinitions(code, flow.definition);
    if (isEmptyDiff(diff)) {
      io.stdout(`${head}: no drift\n\n`);
      continue;
    }
    drifted++;
    io.stdout(
      `${head}: live differs from the code (before: the code, after: live)\n\n${diffMarkdown(diff)}\n`,
    );
  }
  return drifted;
}
