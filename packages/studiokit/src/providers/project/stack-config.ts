import * as pulumi from "@pulumi/pulumi";
import { parseProjectConfig, ProjectError, type ProjectConfig } from "../../project";

/** A project error as the Pulumi CLI shows it: its message alone, without a stack trace. */
export function asRunError(error: unknown): unknown {
  return error instanceof ProjectError ? new pulumi.RunError(error.message) : error;
}

/** The current stack's `studiokit:*` settings, checked; a bad one stops the program in one line. */
export function readProjectConfig(config = new pulumi.Config("studiokit")): ProjectConfig {
  let flows: unknown;
  try {
    flows = config.getObject<unknown>("flows");
  } catch {
    throw new pulumi.RunError(
      "stack config studiokit:flows: not a list; write it as a YAML list of { file: flows/<name>.ts, … } entries",
    );
  }
  try {
    return parseProjectConfig(flows === undefined ? {} : { flows });
  } catch (error) {
    throw asRunError(error);
  }
}
