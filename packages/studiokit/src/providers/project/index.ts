export { readProjectConfig } from "./stack-config";
export {
  deployProject,
  type DeployedFlow,
  type DeployedConversation,
  type DeployProjectOptions,
} from "./deploy";
