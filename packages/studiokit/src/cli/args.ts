import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./errors";
import { parseOptions, type CommandSpec, type OptionSpec, type ParseOptions } from "./specs";

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

/** The arguments of a command, parsed with the options its spec (specs.ts) declares. */
export function parseSpecArgs<O extends Record<string, OptionSpec>>(
  args: string[],
  spec: CommandSpec & { readonly options: O },
): ParsedArgs<ParseOptions<O>> {
  const parsed = parseCommandArgs(args, parseOptions(spec.options), spec.usage);
  // Not quoted: a stray argument may be a secret that lost its flag.
  if (!spec.positionals && parsed.positionals.length > 0)
    throw new CliError(
      `takes options only, but ${parsed.positionals.length === 1 ? "1 other argument was" : `${parsed.positionals.length} other arguments were`} given; usage: ${spec.usage}`,
    );
  return parsed;
}
