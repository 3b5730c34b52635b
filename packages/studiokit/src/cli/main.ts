import path from "node:path";
import { loadedFlowModules } from "../compiler/reading";
import { type Command, type Io } from "./command";
import { CliError } from "./errors";
import { helpText, specs, type CommandName } from "./specs";

/*
 * Each command's module is required when it runs, not at start-up: `studiokit validate` loads the
 * validator and never the emulator, the engine or Pulumi. What a command takes and says about
 * itself is its spec (specs.ts), which loads nothing.
 */
const modules: Record<CommandName, () => Promise<{ command: Command }>> = {
  compile: () => import("./commands/compile.js"),
  validate: () => import("./commands/validate.js"),
  test: () => import("./commands/test.js"),
  chat: () => import("./commands/chat.js"),
  diagram: () => import("./commands/diagram.js"),
  diff: () => import("./commands/diff.js"),
  import: () => import("./commands/import.js"),
  pull: () => import("./commands/pull.js"),
  emulator: () => import("./commands/emulator.js"),
  demo: () => import("./commands/demo.js"),
  dev: () => import("./commands/dev.js"),
};

const isCommand = (name: string): name is CommandName => Object.hasOwn(specs, name);

function help(io: Io): number {
  io.stdout("usage: studiokit <command> [options]   (studiokit <command> --help for its options)\n\n");
  for (const spec of Object.values(specs)) io.stdout(`  ${spec.usage}\n      ${spec.summary}\n`);
  return 0;
}

/** The version of the package this file was built into. */
function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json sits two levels up in src/ and in dist/
  return (require("../../package.json") as { version: string }).version;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") return help(io);
  if (name === "--version" || name === "-v" || name === "version") {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (!isCommand(name)) {
    io.stderr(`studiokit: unknown command "${name}"; run "studiokit help" for the list\n`);
    return 2;
  }
  // `--help` before a lone `--` (after it, arguments are positional).
  const end = rest.indexOf("--");
  if ((end === -1 ? rest : rest.slice(0, end)).some((a) => a === "--help" || a === "-h")) {
    io.stdout(helpText(specs[name]));
    return 0;
  }
  try {
    return await (await modules[name]()).command.run(rest, io);
  } catch (error) {
    // Loaded here, when there is an error to tell apart: not every command loads the compiler.
    const { FlowFileError } = await import("../compiler/index.js");
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
    // Read when a command reads it (`studiokit chat`): opening stdin costs every other command
    // about 10 ms of start-up.
    get stdin() {
      return process.stdin;
    },
  };
}

const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";

/**
 * The one line for an error nothing caught: a promise a flow module rejected, or a throw in its
 * timer. The module whose file the stack names is blamed; an error no frame of the kit's own
 * code raised, after flow modules ran, is blamed on them; anything else is an internal error.
 */
export function faultLine(
  error: unknown,
  command: string,
  modules: readonly { readonly path: string; readonly shown: string }[],
): string {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const named = [...modules].reverse().find((m) => stack.includes(m.path));
  const kit = path.resolve(__dirname, "..");
  const fromKit = stack.split("\n").some((frame) => frame.includes(kit + path.sep));
  const prefix = command === "" ? "studiokit" : `studiokit ${command}`;
  if (named) return `${prefix}: ${named.shown}: ${firstLine(error)}`;
  if (modules.length > 0 && !fromKit) {
    const shown = modules.map((m) => m.shown);
    const which =
      shown.length === 1
        ? shown[0]
        : `one of the flow modules ${shown.slice(0, 3).join(", ")}${shown.length > 3 ? ", …" : ""}`;
    return `${prefix}: ${which}: ${firstLine(error)}`;
  }
  return `studiokit: internal error: ${firstLine(error)}`;
}

/** `faultLine` for the binary running `argv`, with the flow modules this process ran. */
export function faultMessage(error: unknown, argv: readonly string[]): string {
  const command = argv[0] !== undefined && isCommand(argv[0]) ? argv[0] : "";
  return faultLine(error, command, loadedFlowModules());
}

/**
 * For the binary: an error no code caught (in a flow module's timer or promise, or the kit's own)
 * ends the process with one line and exit 2, never a stack trace. A reader that closed the
 * output (`| head`) ends it quietly.
 */
export function installFaultHandlers(argv: readonly string[]): void {
  const handle = (error: unknown) => {
    if ((error as NodeJS.ErrnoException | undefined)?.code === "EPIPE") process.exit();
    process.stderr.write(`${faultMessage(error, argv)}\n`);
    process.exit(2);
  };
  process.on("uncaughtException", handle);
  process.on("unhandledRejection", handle);
}
