export {
  LocalStack,
  LocalDeployError,
  type LocalResource,
  type LocalStackState,
  type LocalStep,
} from "./stack";
export { deployFlowLocally, type LocalFlow } from "./project";
