/**
 * The compiler room: builder flows → canonical Studio flow definitions (names as the author gave
 * them, states in Studio's export order, every event listed, defaults filled, canvas laid out),
 * checked by the validator.
 */
export {
  compile,
  compileToJson,
  compileWithIssues,
  compileWithWarnings,
  CompileError,
  isCompileError,
  type CompileResult,
  type CompileOptions,
} from "./compile";
export { isFlow, type Flow } from "../builder";
export {
  loadFlowFile,
  readFlowJson,
  loadedFlowModules,
  ensureTypeScript,
  isFlowFileName,
  FlowFileError,
  type LoadedFlow,
} from "./flow-file";
export { findFile, readTextFile, showName, type FoundFile, type Unreadable } from "./files";
export {
  typecheckFlowFiles,
  formatTypeIssue,
  isTypeScriptFlow,
  type TypeIssue,
  type TypecheckOptions,
} from "./typecheck";
