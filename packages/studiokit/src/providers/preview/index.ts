export {
  previewProgram,
  ProgramError,
  type PreviewOptions,
  type PreviewResult,
  type PreviewRegistration,
} from "./preview";
