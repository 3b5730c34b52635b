export { main, processIo, faultLine, faultMessage, installFaultHandlers } from "./main";
export { CliError } from "./errors";
export type { Command, Io } from "./command";
export { runEmulator } from "./commands/emulator";
export { loadFlowFile, type LoadedFlow } from "../compiler";
export { formatTypeScript } from "./commands/import";
export { runDemo } from "./commands/demo";
export { cast as demoCast } from "./demo/cast";
export { specs, helpText, type CommandSpec, type OptionSpec } from "./specs";
