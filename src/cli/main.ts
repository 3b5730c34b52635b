import { type Command, type Io } from "./command";
import { CliError } from "./errors";

/**
 * Every subcommand, one file each under commands/, loaded only when run: `studiokit test` should
 * not pay for loading Pulumi or the twilio library at start-up.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- require() keeps the load lazy and CommonJS; import() would need .js paths under nodenext */
const commands: Readonly<Record<string, () => Promise<Command>>> = {
  test: async () => (require("./commands/test") as { testCommand: Command }).testCommand,
  chat: async () => (require("./commands/chat") as { chatCommand: Command }).chatCommand,
  emulator: async () => (require("./commands/emulator") as { emulatorCommand: Command }).emulatorCommand,
};
/* eslint-enable @typescript-eslint/no-require-imports */

async function help(io: Io): Promise<number> {
  io.stdout("usage: studiokit <command> [options]\n\n");
  for (const load of Object.values(commands)) {
    const command = await load();
    io.stdout(`  ${command.usage}\n      ${command.summary}\n`);
  }
  return 0;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") return help(io);
  const load = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!load) {
    io.stderr(`studiokit: unknown command "${name}"; run "studiokit help" for the list\n`);
    return 2;
  }
  try {
    return await (await load()).run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`studiokit ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

export function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    stdin: process.stdin,
  };
}
