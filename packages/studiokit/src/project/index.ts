/**
 * The project room: a studiokit project as its stack settings describe it. The `studiokit:`
 * settings of `Pulumi.<stack>.yaml` (which flows, how each is wired), and the flows they name,
 * loaded and compiled. Free of Pulumi, so the CLI reads a project as the Pulumi program does.
 */
export {
  projectConfigSchema,
  projectFlowSchema,
  flowAddressSchema,
  flowConversationSchema,
  flowNumberSchema,
  parseProjectConfig,
  configKey,
  type ProjectConfig,
  type ProjectFlowConfig,
  type FlowAddressConfig,
  type FlowConversationConfig,
  type FlowNumberConfig,
} from "./config";
export { projectFlows, listProjectFlows, flowsDir, type ProjectFlow, type ProjectFlowEntry } from "./flows";
export { readStackSettings, readProjectSettings } from "./stack-file";
export { ProjectError } from "./error";
