export { main, processIo } from "./main";
export { CliError } from "./errors";
export type { Command, Io } from "./command";
export { runEmulator } from "./commands/emulator";
