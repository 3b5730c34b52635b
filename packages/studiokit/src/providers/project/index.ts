export {
  projectConfigSchema,
  projectFlowSchema,
  flowAddressSchema,
  flowConversationSchema,
  parseProjectConfig,
  readProjectConfig,
  configKey,
  type ProjectConfig,
  type ProjectFlowConfig,
  type FlowAddressConfig,
  type FlowConversationConfig,
} from "./config";
export { projectFlows, flowsDir, type ProjectFlow } from "./flows";
export {
  deployProject,
  type DeployedFlow,
  type DeployedConversation,
  type DeployProjectOptions,
} from "./deploy";
