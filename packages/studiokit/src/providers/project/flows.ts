import fs from "node:fs";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { FlowFileError, isCompileError, isFlowFileName, loadFlowFile } from "../../compiler";
import { type FlowDefinition } from "../../definition";
import { formatIssues } from "../../validator";
import { configKey, type ProjectConfig, type ProjectFlowConfig } from "./config";

/** A flow of the project, resolved: its resource name, its file and its compiled definition. */
export interface ProjectFlow {
  readonly name: string;
  readonly file: string;
  readonly definition: FlowDefinition;
  readonly config: ProjectFlowConfig;
  /** The stack setting it came from, for errors: `studiokit:flows[0]`, or the file when defaulted. */
  readonly key: string;
}

export const flowsDir = "flows";

const defaultName = (file: string) => path.basename(file).replace(/\.(json|ts)$/, "");

/** The flows a config lists, or every flow file in `flows/` when it lists none. */
function entries(config: ProjectConfig, projectDir: string): { key: string; entry: ProjectFlowConfig }[] {
  if (config.flows !== undefined) {
    if (config.flows.length === 0)
      throw new pulumi.RunError(
        "stack config studiokit:flows: the list is empty; add an entry { file: flows/<name>.ts } or remove the setting to deploy every file in flows/",
      );
    return config.flows.map((entry, i) => ({ key: configKey(["flows", i]), entry }));
  }
  const dir = path.join(projectDir, flowsDir);
  if (!fs.existsSync(dir))
    throw new pulumi.RunError(
      `${flowsDir}/: no such directory in ${projectDir}; create ${flowsDir}/<name>.ts (studiokit import turns a Studio export into one) or list flows under studiokit:flows`,
    );
  const files = fs.readdirSync(dir).filter(isFlowFileName).sort();
  if (files.length === 0)
    throw new pulumi.RunError(
      `${flowsDir}/ has no flow files; add ${flowsDir}/<name>.ts or list flows under studiokit:flows`,
    );
  return files.map((f) => {
    const file = `${flowsDir}/${f}`;
    return {
      key: file,
      entry: { file, status: "published", validateWithTwilio: false, addresses: [], conversations: [] },
    };
  });
}

function load(entry: ProjectFlowConfig, key: string, projectDir: string): FlowDefinition {
  const where = key.startsWith("studiokit:") ? `stack config ${key}.file: ` : "";
  try {
    return loadFlowFile(entry.file, projectDir).definition;
  } catch (error) {
    if (error instanceof FlowFileError) throw new pulumi.RunError(`${where}${error.message}`);
    if (!isCompileError(error)) throw error;
    const errors = error.issues.filter((issue) => issue.severity === "error");
    throw new pulumi.RunError(`${where}the flow does not compile\n${formatIssues(errors, entry.file)}`);
  }
}

/**
 * Every flow of the project, loaded and compiled, in config order. Unusable entries stop the
 * program with one line naming the stack setting: a missing file, a flow that does not compile,
 * two flows with one name.
 */
export function projectFlows(config: ProjectConfig, projectDir: string): ProjectFlow[] {
  const seen = new Map<string, string>();
  const friendly = new Map<string, string>();
  return entries(config, projectDir).map(({ key, entry }) => {
    const name = entry.name ?? defaultName(entry.file);
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name))
      throw new pulumi.RunError(
        `stack config ${key}: the file name "${defaultName(entry.file)}" cannot name a resource; give the entry a name: such as ${name.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+/, "") || "my-flow"}`,
      );
    const earlier = seen.get(name);
    if (earlier !== undefined)
      throw new pulumi.RunError(
        `stack config ${key}: a second flow named "${name}" (the first is ${earlier}); give one of them another name:`,
      );
    seen.set(name, key);
    const friendlyName = entry.friendlyName ?? name;
    const sameFriendly = friendly.get(friendlyName);
    if (sameFriendly !== undefined)
      throw new pulumi.RunError(
        `stack config ${key}: friendlyName "${friendlyName}" is also ${sameFriendly}'s; two flows with one name cannot be told apart in the Studio console`,
      );
    friendly.set(friendlyName, key);
    return { name, file: entry.file, key, config: entry, definition: load(entry, key, projectDir) };
  });
}
