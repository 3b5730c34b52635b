import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ResourceDriver } from "../providers/harness/engine";
import { startStack } from "../providers/harness/stack";
import { userCompilerOptions } from "../support/fixtures";

// The published package as a user gets it: `npm pack -w studiokit` from the repository, the
// tarball installed into a project outside the repository (no workspace link: the install
// resolves everything from the tarball and the npm cache, never from this repository), then the
// CLI, the scenario runner and the type declarations used there.

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, "..", "..", "..", "..");
const packageJson = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
// The versions this repository pins: a user's project on Node 20 pins them the same way.
const pins = ["@pulumi/pulumi", "typescript", "@types/node", "vitest", "ts-node"].map(
  (name) => `${name}@${packageJson.devDependencies[name] ?? packageJson.dependencies[name]}`,
);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-pack-"));
// The project outlives the run, as a user's does: the next run installs its new tarball over the
// dependencies already there (npm replaces the package, adds what it newly depends on and
// removes what it no longer does) instead of installing them all again (20 s of CPU). One such
// project per set of pins, used by one run at a time (a lock folder beside it, taken over after
// 15 minutes); a run that finds it in use works in its own, as does one that finds it half made.
const projectKey = createHash("sha1")
  .update(JSON.stringify([pins, process.version]))
  .digest("hex");
const shared = path.join(os.tmpdir(), `studiokit-pack-project-${projectKey.slice(0, 12)}`);
const lock = `${shared}.lock`;
const takeLock = (): boolean => {
  try {
    fs.mkdirSync(lock);
    return true;
  } catch {
    const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    if (age < 15 * 60_000) return false;
    fs.rmSync(lock, { recursive: true, force: true });
    return takeLock();
  }
};
const projectHome = takeLock() ? shared : path.join(scratch, "own");
const project = path.join(projectHome, "project");
const installedMark = path.join(projectHome, "installed");
afterAll(async () => {
  if (projectHome === shared) fs.rmSync(lock, { recursive: true, force: true });
  // Removing an installed project's node_modules took over 30 s on a loaded machine.
  await fs.promises.rm(scratch, { recursive: true, force: true });
}, 120_000);

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  fs.writeFileSync(path.join(project, file), text);
};
const npm = (args: string[], cwd: string) =>
  run("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8" });
const studiokit = (args: string[]) =>
  run(process.execPath, [path.join(project, "node_modules", ".bin", "studiokit"), ...args], {
    cwd: project,
    encoding: "utf8",
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );

let tarball: string;

beforeAll(async () => {
  // --ignore-scripts: `npm test` has just built dist/; rebuilding it here would race the other tests.
  const packed = await npm(
    ["pack", "-w", "studiokit", "--ignore-scripts", "--pack-destination", scratch],
    repoRoot,
  );
  tarball = path.join(scratch, packed.stdout.trim().split("\n").at(-1)!);
  if (!fs.existsSync(installedMark)) fs.rmSync(projectHome, { recursive: true, force: true });
  write(
    "package.json",
    JSON.stringify({ name: "their-studio-flows", private: true, type: "commonjs" }, null, 2),
  );
  write(
    "flows/greet.ts",
    [
      'import { flow, sendAndWaitForReply, sendMessage } from "studiokit";',
      'const ask = sendAndWaitForReply("ask", { body: "Your name?" });',
      'ask.on("incomingMessage", sendMessage("hi", { body: `Hi ${ask.inbound.Body}` }));',
      "export default flow({ on: { incomingMessage: ask } });",
      "",
    ].join("\n"),
  );
  write(
    "flows/greet.scenarios.yaml",
    [
      "# yaml-language-server: $schema=../node_modules/studiokit/schema/scenarios.schema.json",
      "flow: ./greet.ts",
      "scenarios:",
      "  - name: greets by name",
      '    trigger: { event: incomingMessage, from: "+15558675310", to: "+15005550006", body: hello }',
      "    steps:",
      '      - expect: { send: "Your name?" }',
      "      - reply: Ada",
      '      - expect: { send: "Hi Ada", ended: true }',
      "",
    ].join("\n"),
  );
  write(
    "check.ts",
    [
      'import { compile, validateDefinition, type FlowDefinition } from "studiokit";',
      'import { flowDefinitionSchema } from "studiokit/definition";',
      'import { runScenarioFiles, type TestRunResult } from "studiokit/testing";',
      'import { StudioFlow, deployProject, type StudioFlowArgs } from "studiokit/pulumi";',
      'import greet from "./flows/greet";',
      "const definition: FlowDefinition = flowDefinitionSchema.parse(compile(greet));",
      'const args: StudioFlowArgs = { friendlyName: "greet", definition: greet };',
      "export const checked: [number, StudioFlowArgs, typeof StudioFlow, typeof deployProject] = [",
      "  validateDefinition(definition).length, args, StudioFlow, deployProject];",
      "export const results: Promise<TestRunResult> = runScenarioFiles([]);",
      "",
    ].join("\n"),
  );
  write(
    "tsconfig.json",
    JSON.stringify({
      compilerOptions: { ...userCompilerOptions, types: ["node"], noEmit: true },
      include: ["check.ts", "flows", "infra"],
    }),
  );
  write(
    "Pulumi.yaml",
    "name: their-studio-flows\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: infra/index.ts\n",
  );
  write(
    "Pulumi.dev.yaml",
    "config:\n  studiokit:flows:\n    - file: flows/greet.ts\n      friendlyName: Greet\n",
  );
  write(
    "infra/index.ts",
    'import { deployProject, readProjectConfig } from "studiokit/pulumi";\n\nexport = deployProject(readProjectConfig());\n',
  );
  fs.rmSync(installedMark, { force: true });
  await npm(["install", "--prefer-offline", tarball, ...pins], project);
  fs.writeFileSync(installedMark, "");
}, 240_000);

describe("the packed package, installed outside the repository", () => {
  it("is installed from the tarball, not linked", () => {
    const installed = path.join(project, "node_modules", "studiokit");
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(fs.readdirSync(installed).sort()).toEqual(["README.md", "bin", "dist", "package.json", "schema"]);
    expect(fs.existsSync(path.join(installed, "src"))).toBe(false);
  });

  it("ships the scenario files' JSON Schema where their yaml-language-server line points", () => {
    const line = fs.readFileSync(path.join(project, "flows", "greet.scenarios.yaml"), "utf8").split("\n")[0]!;
    const named = path.resolve(project, "flows", line.replace(/^# yaml-language-server: \$schema=/, ""));
    const exported = createRequire(path.join(project, "check.ts")).resolve("studiokit/scenarios.schema.json");
    expect(named).toBe(exported);
    expect(fs.readFileSync(exported, "utf8")).toBe(
      fs.readFileSync(path.join(__dirname, "..", "..", "schema", "scenarios.schema.json"), "utf8"),
    );
  });

  it("prints its version and compiles a flow module with the CLI", async () => {
    expect(await studiokit(["--version"])).toEqual({
      code: 0,
      stdout: `${packageJson.version}\n`,
      stderr: "",
    });
    const compiled = await studiokit(["compile", "flows/greet.ts"]);
    expect(compiled.code).toBe(0);
    expect(JSON.parse(compiled.stdout)).toMatchObject({
      initial_state: "Trigger",
      states: [
        {
          name: "Trigger",
          type: "trigger",
          transitions: [{ next: "ask", event: "incomingMessage" }, {}, {}, {}, {}],
        },
        { name: "ask", type: "send-and-wait-for-reply", properties: { body: "Your name?" } },
        { name: "hi", type: "send-message", properties: { body: "Hi {{widgets.ask.inbound.Body}}" } },
      ],
    });
  });

  it("runs the project's scenarios", async () => {
    expect(await studiokit(["test"])).toEqual({ code: 0, stdout: "1 passed, 0 failed\n", stderr: "" });
  });

  it("type-checks a file that imports studiokit, studiokit/testing and studiokit/pulumi", async () => {
    const tsc = path.join(project, "node_modules", "typescript", "bin", "tsc");
    const result = await run(process.execPath, [tsc, "-p", "."], { cwd: project, encoding: "utf8" }).then(
      () => "",
      (e: { stdout: string }) => e.stdout,
    );
    expect(result).toBe("");
  }, 60_000);
});

describe("a Pulumi program of that project", () => {
  it("previews with the installed package, and its stub deploys through the plugin from there", async () => {
    // The installed package's own previewProgram, run in the project as its tests would run it.
    // The program's types are tsc's above (its tsconfig includes infra/): ts-node only transpiles.
    const script =
      'require("studiokit/pulumi").previewProgram({ projectDir: ".", transpileOnly: true, config: ' +
      'require("studiokit/pulumi").readStackSettings(".").config }).then((r) => process.stdout.write(JSON.stringify(r)))';
    const { stdout } = await run(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" });
    const preview = JSON.parse(stdout) as {
      registrations: { type: string; name: string; inputs: Record<string, unknown> }[];
      outputs: Record<string, { flowSid: string }>;
    };
    const flow = preview.registrations.find((r) => r.name === "greet-flow")!;
    expect(flow.inputs["friendlyName"]).toBe("Greet");
    expect(preview.outputs["greet"]!.flowSid).toMatch(/^FW/);

    const stack = await startStack({ programDir: project });
    try {
      const { __provider: text, ...inputs } = flow.inputs;
      const driver = new ResourceDriver(stack.plugin, flow.type, flow.name, text as string);
      expect(await driver.up(inputs)).toBe("create");
      const deployed = [...stack.env.emulator.store.flows.values()];
      expect(deployed.map((f) => [f.sid, f.revisions.at(-1)?.friendly_name])).toEqual([
        [driver.state!.id, "Greet"],
      ]);
      expect(await driver.preview(inputs)).toBe("same");
      await driver.destroy();
      expect(stack.env.emulator.store.flows.size).toBe(0);
    } finally {
      await stack.close();
    }
  }, 120_000);
});
