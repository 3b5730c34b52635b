export {
  previewProgram,
  readStackSettings,
  ProgramError,
  type PreviewOptions,
  type PreviewResult,
  type PreviewRegistration,
} from "./preview";
