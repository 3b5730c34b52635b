/** Scenario files (`*.scenarios.yaml`): schema, reading with line numbers, running, reporting. */
export {
  scenarioFileSchema,
  scenarioSchema,
  scenarioTriggerSchema,
  stepSchema,
  expectationSchema,
  textMatcherSchema,
  type ScenarioFile,
  type Scenario,
  type ScenarioTrigger,
  type Step as ScenarioStep,
  type Expectation,
  type TextMatcher,
} from "./schema";
export { parseScenarioText, ScenarioFileError, type ParsedScenarioFile } from "./parse";
export { plainScenarioFile } from "./plain";
export { plainYaml } from "./plain-yaml";
export {
  runScenarioFiles,
  readScenarioFile,
  loadScenarioFlow,
  type ScenarioSource,
  type RunScenariosOptions,
} from "./run";
export {
  formatFailure,
  summaryLine,
  type ScenarioFailure,
  type ScenarioResult,
  type TestRunResult,
} from "./report";
export { matchesText, describeTextMatcher, describeEntry } from "./text";
export { appendScenario, recordedSteps, scenarioYaml, type RecordedRun } from "./record";
export { scenarioJsonSchema } from "./json-schema";
