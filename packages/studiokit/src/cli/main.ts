import { type Command, type Io } from "./command";
import { chatCommand } from "./commands/chat";
import { demoCommand } from "./commands/demo";
import { emulatorCommand } from "./commands/emulator";
import { testCommand } from "./commands/test";
import { CliError } from "./errors";
import { FlowFileError } from "../compiler";
import { compileCommand } from "./commands/compile";
import { diagramCommand } from "./commands/diagram";
import { diffCommand } from "./commands/diff";
import { importCommand } from "./commands/import";
import { validateCommand } from "./commands/validate";

/** Every subcommand, one file each under commands/. */
const commands: readonly Command[] = [
  compileCommand,
  validateCommand,
  testCommand,
  chatCommand,
  diagramCommand,
  diffCommand,
  importCommand,
  emulatorCommand,
  demoCommand,
];

function help(io: Io): number {
  io.stdout("usage: studiokit <command> [options]\n\n");
  for (const command of commands) io.stdout(`  ${command.usage}\n      ${command.summary}\n`);
  return 0;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") return help(io);
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`studiokit: unknown command "${name}"; run "studiokit help" for the list\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError || error instanceof FlowFileError) {
      io.stderr(`studiokit ${name}: ${error.message}\n`);
      return error instanceof CliError ? error.exitCode : 2;
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
