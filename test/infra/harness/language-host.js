"use strict";
// Runs the program (Pulumi.yaml `main`, infra/index.ts) the way `pulumi preview` / `pulumi up`
// does, minus the engine: the SDK's own language-host entry (`@pulumi/pulumi/cmd/run/run.js`,
// what the CLI's nodejs language host starts, with PULUMI_NODEJS_TYPESCRIPT from
// `runtime.options.typescript`) registers ts-node from the project's tsconfig.json exactly as it
// does for the CLI (type checking included unless PULUMI_NODEJS_TRANSPILE_ONLY=true), requires the
// program and wraps it in the root Stack. The engine is replaced by pulumi.runtime.setMocks; stack
// config arrives as the CLI sends it, in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS. Prints one
// JSON line: every registration (type, name, inputs with `__provider`) and the stack outputs.
// Plain JavaScript on purpose: nothing may register ts-node before the SDK does.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..", "..");
const pulumiDir = path.join(root, "node_modules", "@pulumi", "pulumi");
const pulumi = require(pulumiDir);
// run.js require()s its directory's index.js, which parses the CLI's flags and connects to the
// engine as it loads; the one thing run.js reads from it is an exit code. Stand in for it.
const cmdRun = path.join(pulumiDir, "cmd", "run");
const indexPath = require.resolve(cmdRun);
require.cache[indexPath] = Object.assign(new module.constructor(indexPath), {
  filename: indexPath,
  loaded: true,
  exports: { nodeJSProcessExitedAfterLoggingUserActionableMessage: 32 },
});
const { run } = require(path.join(cmdRun, "run.js"));

const prefixes = [
  ["studio:Flow", "FW"],
  ["AddressConfiguration", "IG"],
  ["conversations:Conversation", "CH"],
  ["Participant", "MB"],
  ["Webhook", "WH"],
];
const registrations = [];

async function main() {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
        if (!args.type.startsWith("pulumi-nodejs:dynamic/")) return { id: undefined, state: {} };
        const prefix = prefixes.find(([suffix]) => args.type.endsWith(suffix))[1];
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
    "studiokit",
    "dev",
    false,
  );
  // What index.js does before it calls run: the closure serializer's inspector hooks.
  await require(path.join(pulumiDir, "runtime", "closure", "v8Hooks.js")).isInitializedAsync();
  // What the CLI's nodejs language host takes from Pulumi.yaml: the program and the TypeScript switch.
  const project = require("yaml").parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));
  if (project.runtime.name !== "nodejs") throw new Error(`Pulumi.yaml: runtime ${project.runtime.name}`);
  process.env.PULUMI_NODEJS_TYPESCRIPT = String(project.runtime.options?.typescript ?? true);
  // As index.js: a program's error rejects run() unhandled; run.js's own handler logs it (a RunError
  // as its message alone) and reports it, which fails the process.
  const logged = new Set();
  const report = (error) => {
    logged.add(error);
    process.exitCode = 1;
  };
  void run(
    { _: ["infra/index.ts"], pwd: root },
    () => undefined,
    report,
    (error) => logged.has(error),
  ).then((outputs) => process.stdout.write(`${JSON.stringify({ registrations, outputs })}\n`));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
