import fs from "node:fs";
import path from "node:path";
import { findFile, FlowFileError, isCompileError, isFlowFileName, loadFlowFile } from "../compiler";
import { type FlowDefinition } from "../definition";
import { formatIssues } from "../validator";
import { configKey, projectFlowSchema, type ProjectConfig, type ProjectFlowConfig } from "./config";
import { ProjectError } from "./error";
import { checkNumbers } from "./numbers";

/** A flow of the project: its resource name, its file and the settings of its entry. */
export interface ProjectFlowEntry {
  readonly name: string;
  readonly file: string;
  readonly config: ProjectFlowConfig;
  /** Where it came from, for errors: `stack config studiokit:flows[0]`, or its file when defaulted. */
  readonly where: string;
}

/** A flow of the project, loaded and compiled. */
export interface ProjectFlow extends ProjectFlowEntry {
  readonly definition: FlowDefinition;
}

export const flowsDir = "flows";

const resourceName = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const baseName = (file: string) => path.basename(file).replace(/\.(json|ts)$/, "");

/** The flows a config lists, or every flow file in `flows/` when it lists none. */
function entries(config: ProjectConfig, projectDir: string): { where: string; entry: ProjectFlowConfig }[] {
  if (config.flows !== undefined) {
    if (config.flows.length === 0)
      throw new ProjectError(
        "stack config studiokit:flows: the list is empty; add an entry { file: flows/<name>.ts } or remove the setting to deploy every file in flows/",
      );
    return config.flows.map((entry, i) => ({ where: `stack config ${configKey(["flows", i])}`, entry }));
  }
  const dir = path.join(projectDir, flowsDir);
  if (!fs.existsSync(dir))
    throw new ProjectError(
      `${flowsDir}/: no such directory in ${projectDir}; create ${flowsDir}/<name>.ts (studiokit import turns a Studio export into one) or list flows under studiokit:flows`,
    );
  const files = fs.readdirSync(dir).filter(isFlowFileName).sort();
  if (files.length === 0)
    throw new ProjectError(
      `${flowsDir}/ has no flow files; add ${flowsDir}/<name>.ts or list flows under studiokit:flows`,
    );
  return files.map((f) => {
    const file = `${flowsDir}/${f}`;
    return {
      where: file,
      entry: projectFlowSchema.parse({ file }),
    };
  });
}

/**
 * The project's flows in config order, checked but not loaded: each file exists, each name can
 * name a resource, no two flows share a name or a friendly name, and no number's webhook is
 * claimed twice (numbers.ts). Throws a one-line ProjectError
 * naming the stack setting (or the file) and the fix.
 */
export function listProjectFlows(config: ProjectConfig, projectDir: string): ProjectFlowEntry[] {
  const names = new Map<string, string>();
  const friendlyNames = new Map<string, string>();
  const flows = entries(config, projectDir).map(({ where: listed, entry }) => {
    const configured = listed.startsWith("stack config ");
    const found = findFile(entry.file, projectDir);
    // A file found in flows/ is named by its bytes when they are not UTF-8.
    const where = configured ? listed : found.shown;
    const name = entry.name ?? baseName(entry.file);
    if (!resourceName.test(name)) {
      const suggestion = name.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^[-_]+/, "") || "my-flow";
      throw new ProjectError(
        configured
          ? `${where}: the file name "${name}" cannot name a resource; give the entry a name: such as ${suggestion}`
          : `${where}: the file name "${baseName(where)}" cannot name a resource; rename the file, such as ${flowsDir}/${suggestion}${path.extname(entry.file)}`,
      );
    }
    const earlier = names.get(name);
    if (earlier !== undefined)
      throw new ProjectError(
        `${where}: a second flow named "${name}" (the first is ${earlier}); give one of them another name:`,
      );
    names.set(name, where);
    const friendlyName = entry.friendlyName ?? name;
    const sameFriendly = friendlyNames.get(friendlyName);
    if (sameFriendly !== undefined)
      throw new ProjectError(
        `${where}: friendlyName "${friendlyName}" is also ${sameFriendly}'s; two flows with one name cannot be told apart in the Studio console`,
      );
    friendlyNames.set(friendlyName, where);
    if (!("path" in found))
      throw new ProjectError(`${where}${configured ? ".file" : ""}: ${found.shown}: ${found.reason}`);
    return { name, file: entry.file, config: entry, where };
  });
  checkNumbers(flows);
  return flows;
}

function load(flow: ProjectFlowEntry, projectDir: string): FlowDefinition {
  const where = flow.where.startsWith("stack config ") ? `${flow.where}.file: ` : "";
  try {
    return loadFlowFile(flow.file, projectDir).definition;
  } catch (error) {
    if (error instanceof FlowFileError) throw new ProjectError(`${where}${error.message}`);
    if (!isCompileError(error)) throw error;
    const errors = error.issues.filter((issue) => issue.severity === "error");
    throw new ProjectError(
      `${where}${flow.file}: the flow does not compile\n${formatIssues(errors, flow.file)}`,
    );
  }
}

/** Every flow of the project (see `listProjectFlows`), loaded and compiled, in config order. */
export function projectFlows(config: ProjectConfig, projectDir: string): ProjectFlow[] {
  return listProjectFlows(config, projectDir).map((flow) => ({
    ...flow,
    definition: load(flow, projectDir),
  }));
}
