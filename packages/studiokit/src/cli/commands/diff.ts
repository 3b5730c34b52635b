import { flowDiffMarkdown, reviewComment, reviewMarker, type ReviewSide } from "../../codegen";
import { isFlowFileName } from "../../compiler";
import { parseSpecArgs } from "../args";
import { specs } from "../specs";
import { type Command } from "../command";
import { CliError } from "../errors";
import { changedFiles, existsAt, readDefinition, readDefinitionAt, repoPath } from "../read-definition";

const usage = specs.diff.usage;

async function side(ref: string, file: string, root: string): Promise<ReviewSide> {
  if (!(await existsAt(ref, file, root))) return { kind: "absent" };
  try {
    return { kind: "flow", definition: await readDefinitionAt(ref, file, root) };
  } catch (error) {
    if (error instanceof CliError) return { kind: "error", message: error.message };
    throw error;
  }
}

/** One comment body per changed flow file between two refs (what the flow-review workflow posts). */
async function pullRequest(base: string, head: string, dir: string, json: boolean, cwd: string) {
  const { root, path: relativeDir } = await repoPath(dir, cwd);
  const flowsDir = relativeDir || ".";
  if (!(await existsAt(base, flowsDir, root)) && !(await existsAt(head, flowsDir, root)))
    throw new CliError(
      `${dir}: no such directory at ${base} or at ${head}; name the directory of the flows with --flows`,
    );
  const files = (await changedFiles(base, head, flowsDir, root)).filter(isFlowFileName);
  const comments = [];
  for (const file of files) {
    const [before, after] = [await side(base, file, root), await side(head, file, root)];
    comments.push({
      path: file,
      marker: reviewMarker(file),
      body: reviewComment({ path: file, before, after, base }),
    });
  }
  if (json) return `${JSON.stringify(comments, null, 2)}\n`;
  return comments.length === 0 ? "No flow files changed.\n" : comments.map((c) => c.body).join("\n---\n\n");
}

/** `studiokit diff`: a widget-keyed Markdown summary of what changed between two versions of a flow. */
export const command: Command = {
  name: "diff",
  async run(args, io) {
    const { values, positionals } = parseSpecArgs(args, specs.diff);
    if (values.pr) {
      if (positionals.length !== 2) throw new CliError(`--pr takes a base and a head ref; usage: ${usage}`);
      io.stdout(
        await pullRequest(
          positionals[0]!,
          positionals[1]!,
          values.flows ?? "flows",
          values.json === true,
          io.cwd,
        ),
      );
      return 0;
    }
    if (values.json || values.flows !== undefined)
      throw new CliError(`--json and --flows go with --pr; usage: ${usage}`);
    if (values.git !== undefined) {
      if (positionals.length !== 1) throw new CliError(`--git <ref> compares one file; usage: ${usage}`);
      const file = positionals[0]!;
      const { root, path: relative } = await repoPath(file, io.cwd);
      if (!(await existsAt(values.git, relative, root)))
        throw new CliError(`${relative} does not exist at ${values.git}`);
      const before = await readDefinitionAt(values.git, relative, root);
      const after = await readDefinition(file, io.cwd);
      io.stdout(flowDiffMarkdown(before, after, values.mermaid === true));
      return 0;
    }
    if (positionals.length !== 2) throw new CliError(`give the old and the new flow file; usage: ${usage}`);
    const before = await readDefinition(positionals[0]!, io.cwd);
    const after = await readDefinition(positionals[1]!, io.cwd);
    io.stdout(flowDiffMarkdown(before, after, values.mermaid === true));
    return 0;
  },
};
