import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./errors";

type Options = NonNullable<ParseArgsConfig["options"]>;
type ParsedArgs<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/** node:util parseArgs with unknown options turned into a one-line usage error. */
export function parseCommandArgs<O extends Options>(
  args: string[],
  options: O,
  usage: string,
): ParsedArgs<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new CliError(`${message}; usage: ${usage}`);
  }
}
