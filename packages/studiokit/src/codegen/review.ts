import { type FlowDefinition } from "../definition";
import { diffDefinitions, isEmptyDiff } from "./diff";
import { diagramMarkdown, diffDiagram, diffMarkdown } from "./diff-markdown";
import { flowDiagram } from "./mermaid";

/** GitHub refuses an issue or pull-request comment longer than this. */
export const githubCommentLimit = 65_536;

/** The hidden line that finds this flow's comment again on the next push. */
export function reviewMarker(path: string): string {
  return `<!-- studiokit:flow-review:${path.replace(/--/g, "-\\-")} -->`;
}

/** One side of a review: the definition, absent (file added or deleted), or why it could not be read. */
export type ReviewSide =
  | { readonly kind: "flow"; readonly definition: FlowDefinition }
  | { readonly kind: "absent" }
  | { readonly kind: "error"; readonly message: string };

export interface ReviewInput {
  /** The flow file, relative to the repository root. */
  readonly path: string;
  readonly before: ReviewSide;
  readonly after: ReviewSide;
  /** Shown in the hint for reading the diff locally. */
  readonly base?: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function details(summary: string, body: string): string {
  return `<details open>\n<summary>${summary}</summary>\n\n${body}\n</details>\n`;
}

function sections(input: ReviewInput): { text: string; diagram?: string } {
  const { before, after } = input;
  if (after.kind === "error")
    return { text: `The flow could not be read after this change: ${after.message}\n` };
  if (after.kind === "absent") {
    return {
      text:
        before.kind === "flow"
          ? `Flow deleted (it had ${plural(before.definition.states.length, "widget")}).\n`
          : "Flow deleted.\n",
    };
  }
  const now = after.definition;
  if (before.kind !== "flow") {
    const prefix =
      before.kind === "error"
        ? `The flow could not be read before this change (${before.message}); as it is now:`
        : "New flow:";
    return {
      text: `${prefix} ${plural(now.states.length, "widget")}.\n`,
      diagram: diagramMarkdown(flowDiagram(now)),
    };
  }
  const diff = diffDefinitions(before.definition, now);
  if (isEmptyDiff(diff)) return { text: diffMarkdown(diff) };
  return { text: diffMarkdown(diff), diagram: diagramMarkdown(diffDiagram(diff, now)) };
}

/**
 * The pull-request comment for one changed flow: a hidden marker, the widget-level diff and the
 * diagram with changed widgets styled. Kept under GitHub's comment limit: the diagram goes
 * first, then the diff is cut, each time with a note saying so.
 */
export function reviewComment(input: ReviewInput): string {
  const head = `${reviewMarker(input.path)}\n### Flow \`${input.path}\`\n\n`;
  const { text, diagram } = sections(input);
  const local = `npx studiokit diff --git ${input.base ?? "<base>"} ${input.path}`;
  const full = diagram ? `${head}${text}\n${details("Diagram", diagram)}` : `${head}${text}`;
  if (full.length <= githubCommentLimit) return full;
  const note = `\n_Diagram left out: this comment would pass GitHub's ${githubCommentLimit}-character limit. Run \`studiokit diagram ${input.path}\` locally._\n`;
  if (head.length + text.length + note.length <= githubCommentLimit) return `${head}${text}${note}`;
  const cut = `\n\n_Diff cut short at GitHub's comment limit. Run \`${local}\` locally for all of it._\n`;
  const room = githubCommentLimit - head.length - cut.length;
  return `${head}${text.slice(0, text.lastIndexOf("\n", room))}${cut}`;
}
