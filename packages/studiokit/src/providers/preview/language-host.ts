/* eslint-disable @typescript-eslint/no-require-imports -- modules are found from the project directory at run time */
/*
 * Runs a Pulumi program the way `pulumi preview` / `pulumi up` does, minus the engine, in a process
 * of its own (see preview.ts, which starts it with the project directory as working directory):
 * the SDK's own language-host entry (`@pulumi/pulumi/cmd/run/run.js`, what the CLI's nodejs
 * language host starts, with PULUMI_NODEJS_TYPESCRIPT from `runtime.options.typescript`) registers
 * ts-node from the project's tsconfig.json exactly as it does for the CLI (type checking included
 * unless PULUMI_NODEJS_TRANSPILE_ONLY=true), requires the program and wraps it in the root Stack.
 * The engine is replaced by pulumi.runtime.setMocks; stack config arrives as the CLI sends it, in
 * PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS. Prints one JSON line: every registration (type, name,
 * inputs with `__provider`) and the stack outputs. This file imports nothing of studiokit's, so
 * nothing registers ts-node before the SDK does.
 */
import fs from "node:fs";
import path from "node:path";
import type * as PulumiModule from "@pulumi/pulumi";

type Pulumi = typeof PulumiModule;
interface RunModule {
  run(
    argv: { _: string[]; pwd: string },
    onOutput: () => void,
    reportError: (error: unknown) => void,
    isLogged: (error: unknown) => boolean,
  ): Promise<Record<string, unknown>>;
}

const projectDir = process.cwd();
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [projectDir] }));
const pulumi = require(pulumiDir) as Pulumi;

// run.js require()s its directory's index.js, which parses the CLI's flags and connects to the
// engine as it loads; the one thing run.js reads from it is an exit code. Stand in for it.
const cmdRun = path.join(pulumiDir, "cmd", "run");
const indexPath = require.resolve(cmdRun);
const stand = new (module.constructor as new (id: string) => NodeJS.Module)(indexPath);
require.cache[indexPath] = Object.assign(stand, {
  filename: indexPath,
  loaded: true,
  exports: { nodeJSProcessExitedAfterLoggingUserActionableMessage: 32 },
});
const { run } = require(path.join(cmdRun, "run.js")) as RunModule;

/** The SID prefix of each studiokit resource type, for the mocked engine's made-up ids. */
const prefixes: ReadonlyArray<readonly [string, string]> = [
  ["studio:Flow", "FW"],
  ["AddressConfiguration", "IG"],
  ["conversations:Conversation", "CH"],
  ["Participant", "MB"],
  ["Webhook", "WH"],
  ["PhoneNumber", "PN"],
];

interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}
const registrations: Registration[] = [];

async function main(): Promise<void> {
  const stack = process.env["STUDIOKIT_PREVIEW_STACK"] ?? "dev";
  const project = require("yaml").parse(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as {
    name: string;
    main?: string;
    runtime: string | { name: string; options?: { typescript?: boolean } };
  };
  const runtime = typeof project.runtime === "string" ? { name: project.runtime } : project.runtime;
  if (runtime.name !== "nodejs") throw new Error(`Pulumi.yaml: runtime ${runtime.name} is not nodejs`);
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registrations.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs as Record<string, unknown>,
        });
        if (!args.type.startsWith("pulumi-nodejs:dynamic/")) return { id: undefined, state: {} };
        const prefix = prefixes.find(([suffix]) => args.type.endsWith(suffix))?.[1] ?? "XX";
        const sid = prefix + String(registrations.length).padStart(32, "0");
        const flow = args.type.endsWith("studio:Flow")
          ? { revision: 1, webhookUrl: `https://webhooks.twilio.com/v1/Accounts/AC/Flows/${sid}` }
          : {};
        return { id: sid, state: { ...args.inputs, sid, ...flow } };
      },
      call(args) {
        throw new Error(`unexpected call ${args.token}`);
      },
    },
    project.name,
    stack,
    false,
  );
  // What index.js does before it calls run: the closure serializer's inspector hooks.
  await (
    require(path.join(pulumiDir, "runtime", "closure", "v8Hooks.js")) as {
      isInitializedAsync(): Promise<void>;
    }
  ).isInitializedAsync();
  // What the CLI's nodejs language host takes from Pulumi.yaml: the program and the TypeScript switch.
  process.env["PULUMI_NODEJS_TYPESCRIPT"] = String(
    (runtime as { options?: { typescript?: boolean } }).options?.typescript ?? true,
  );
  // As index.js: a program's error rejects run() unhandled; run.js's own handler logs it (a
  // RunError as its message alone) and reports it, which fails the process.
  const logged = new Set<unknown>();
  const report = (error: unknown) => {
    logged.add(error);
    process.exitCode = 1;
  };
  void run(
    { _: [project.main ?? "."], pwd: projectDir },
    () => undefined,
    report,
    (error) => logged.has(error),
  ).then((outputs) => process.stdout.write(`${JSON.stringify({ registrations, outputs })}\n`));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
