import { diagramMarkdown, flowDiagram } from "../../codegen";
import { parseSpecArgs } from "../args";
import { specs } from "../specs";
import { type Command } from "../command";
import { CliError } from "../errors";
import { readDefinition } from "../read-definition";

const usage = specs.diagram.usage;
const formats = ["mermaid", "markdown"] as const;

/** `studiokit diagram`: a Mermaid flowchart of a flow, or a summary when GitHub could not draw it. */
export const command: Command = {
  name: "diagram",
  async run(args, io) {
    const { values, positionals } = parseSpecArgs(args, specs.diagram);
    if (positionals.length !== 1) throw new CliError(`give exactly one flow file; usage: ${usage}`);
    const format = values.format ?? "mermaid";
    if (!(formats as readonly string[]).includes(format))
      throw new CliError(`--format ${format} is not supported; use ${formats.join(" or ")}`);
    const diagram = flowDiagram(await readDefinition(positionals[0]!, io.cwd));
    if (diagram.kind === "summary") {
      io.stderr(
        `studiokit diagram: too large for a GitHub Mermaid diagram: ${diagram.reason}; printing a summary\n`,
      );
      io.stdout(diagram.text);
      return 0;
    }
    io.stdout(format === "markdown" ? diagramMarkdown(diagram) : diagram.text);
    return 0;
  },
};
