import { type ParseArgsConfig } from "node:util";

/*
 * What every command takes and says about itself: the options it parses and the text of
 * `studiokit <command> --help`. Kept apart from the commands so `--help`, `help` and an unknown
 * command load no room at all, and a command loads only the rooms it uses (main.ts).
 */

type OptionConfig = NonNullable<ParseArgsConfig["options"]>[string];

/** One option: what node:util parseArgs needs, and one line for `--help`. */
export type OptionSpec = OptionConfig & { readonly help: string; readonly value?: string };

export interface CommandSpec {
  readonly name: string;
  /** One line for `studiokit help`. */
  readonly summary: string;
  /** The usage line, e.g. `studiokit validate [<flow>...] [--json]`. */
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Whether it takes arguments besides its options (files, refs); when not, any is an error. */
  readonly positionals: boolean;
  /** One command line a user can copy. */
  readonly example: string;
}

const spec = <O extends Record<string, OptionSpec>>(s: CommandSpec & { readonly options: O }) => s;

const strictOption = {
  type: "boolean",
  help: "fail (exit 1) on warnings too, not only on errors (docs/validator.md lists both)",
} as const satisfies OptionSpec;

const noTypecheckOption = {
  type: "boolean",
  help: "skip the type check of .ts flow modules (on by default; cached until a file changes)",
} as const satisfies OptionSpec;

export const specs = {
  compile: spec({
    name: "compile",
    positionals: true,
    summary:
      "compile a flow module (default export a flow) to canonical Studio flow JSON; exit 1 if invalid or on a type error, warnings on stderr",
    usage: "studiokit compile <flow.ts|flow.json> [--out file.json] [--strict] [--no-typecheck]",
    options: {
      out: { type: "string", short: "o", value: "file.json", help: "write the JSON there, not to stdout" },
      strict: strictOption,
      "no-typecheck": noTypecheckOption,
    },
    example: "studiokit compile flows/do-you-like-bots.ts --out bots.json",
  }),
  validate: spec({
    name: "validate",
    positionals: true,
    summary:
      "check flow files (.json definitions or flow modules, type-checked), or every flow of the project; exit 1 on errors, warnings allowed",
    usage: "studiokit validate [<file.json|flow.ts>...] [--stack NAME] [--json] [--strict] [--no-typecheck]",
    options: {
      stack: {
        type: "string",
        value: "NAME",
        help: "with no files: the flows studiokit:flows of Pulumi.NAME.yaml lists (default dev), or every file in flows/",
      },
      json: { type: "boolean", help: "print every file's issues (and type errors) as JSON" },
      strict: strictOption,
      "no-typecheck": noTypecheckOption,
    },
    example: "studiokit validate flows/*.ts exported.json",
  }),
  test: spec({
    name: "test",
    positionals: true,
    summary: "run scenario files (*.scenarios.yaml) against their flows; exit 0 only when all pass",
    usage:
      "studiokit test [paths or globs...] [--coverage] [--min-coverage PERCENT] [--json] [--no-typecheck]",
    options: {
      coverage: { type: "boolean", help: "report widget and transition coverage per flow" },
      "min-coverage": {
        type: "string",
        value: "PERCENT",
        help: "exit 1 when a flow's widget or transition coverage is below PERCENT (0-100)",
      },
      json: { type: "boolean", help: "print the results (and coverage) as JSON" },
      "no-typecheck": noTypecheckOption,
    },
    example: "studiokit test flows/ --coverage",
  }),
  chat: spec({
    name: "chat",
    positionals: true,
    summary:
      "talk to a flow in the terminal (type replies, /wait 3600, /press 1), or to one deployed to an emulator with --emulator: text an address or a number, or --call a number",
    usage:
      "studiokit chat <flow> [--event <trigger event>] [--from <address>] [--to <address>] [--body <text>] [--parameters <json>]" +
      " | --emulator <url> (--address <Twilio address> | --number <+1…> [--call]) [--from <contact>] [--account-sid AC… --auth-token T]",
    options: {
      event: {
        type: "string",
        value: "EVENT",
        help: "the trigger event that starts the flow (default: its first wired one)",
      },
      from: { type: "string", value: "ADDRESS", help: "the contact's address (default +15558675310)" },
      to: { type: "string", value: "ADDRESS", help: "the Twilio address the contact writes to" },
      body: { type: "string", value: "TEXT", help: "the first message's text" },
      parameters: {
        type: "string",
        value: "JSON",
        help: "incomingRequest/incomingParent parameters, a JSON object",
      },
      emulator: {
        type: "string",
        value: "URL",
        help: "talk to a flow deployed to this local Twilio instead",
      },
      address: { type: "string", value: "ADDRESS", help: "with --emulator: the Twilio address to text" },
      number: {
        type: "string",
        value: "+1…",
        help: "with --emulator: a number of its account to text (its SMS webhook runs a flow), or to call with --call",
      },
      call: { type: "boolean", help: "with --number: call it; type keys to press or words to say" },
      "account-sid": {
        type: "string",
        value: "AC…",
        help: "with --emulator: its account (or TWILIO_ACCOUNT_SID)",
      },
      "auth-token": {
        type: "string",
        value: "TOKEN",
        help: "with --emulator: its auth token (or TWILIO_AUTH_TOKEN)",
      },
    },
    example: "studiokit chat flows/do-you-like-bots.ts --body hi",
  }),
  diagram: spec({
    name: "diagram",
    positionals: true,
    summary:
      "print a Mermaid flowchart of a flow (markdown: fenced for a README or PR); a summary if too large",
    usage: "studiokit diagram <flow.ts|flow.json> [--format mermaid|markdown]",
    options: {
      format: {
        type: "string",
        short: "f",
        value: "mermaid|markdown",
        help: "bare Mermaid text (default) or a fenced block",
      },
    },
    example: "studiokit diagram flows/do-you-like-bots.ts --format markdown",
  }),
  diff: spec({
    name: "diff",
    positionals: true,
    summary:
      "widget-level Markdown diff of two flow files, a file against a git ref, or a pull request's flows",
    usage:
      "studiokit diff <old> <new> [--mermaid] | --git <ref> <file> [--mermaid] | --pr <base> <head> [--flows dir] [--json]",
    options: {
      mermaid: { type: "boolean", help: "add a diagram of the new flow with the changed widgets marked" },
      git: { type: "string", value: "REF", help: "compare one file with its version at a git ref" },
      pr: { type: "boolean", help: "one review comment per flow file changed between two refs" },
      flows: { type: "string", value: "DIR", help: "with --pr: where the flow files are (default flows)" },
      json: { type: "boolean", help: "with --pr: the comments as JSON, for a workflow to post" },
    },
    example: "studiokit diff --git main flows/do-you-like-bots.ts --mermaid",
  }),
  import: spec({
    name: "import",
    positionals: true,
    summary: "turn a Studio flow JSON into builder TypeScript that compiles back to the same JSON",
    usage: "studiokit import <flow.json> [--out flows/name.ts] [--force]",
    options: {
      out: { type: "string", short: "o", value: "FILE", help: "write the module there, not to stdout" },
      force: { type: "boolean", help: "overwrite --out when it exists" },
    },
    example: "studiokit import exported.json --out flows/order-status.ts",
  }),
  pull: spec({
    name: "pull",
    positionals: false,
    summary:
      "pull flows from a Twilio account into builder TypeScript, with the stack-config entries that adopt them; --check reports drift instead (exit 1)",
    usage:
      "studiokit pull (--flow FW…... | --all) --out <dir> [--api-base-url <url>] [--check] [--force]   (credentials: TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN, or TWILIO_API_KEY + TWILIO_API_SECRET)",
    options: {
      flow: { type: "string", multiple: true, value: "FW…", help: "a flow to pull (repeatable)" },
      all: { type: "boolean", help: "every flow of the account" },
      out: {
        type: "string",
        short: "o",
        value: "DIR",
        help: "where the flow modules go, such as flows (<kebab-case friendly name>.ts each)",
      },
      "api-base-url": {
        type: "string",
        value: "URL",
        help: "send every request there, such as a local Twilio (the stack setting twilio:apiBaseUrl; or TWILIO_API_BASE_URL)",
      },
      check: {
        type: "boolean",
        help: "write nothing; print each flow's widget-keyed diff between the code in --out and what is live; exit 1 when any differ",
      },
      force: { type: "boolean", help: "overwrite a module in --out that differs from the pulled flow" },
    },
    example: "studiokit pull --all --out flows",
  }),
  emulator: spec({
    name: "emulator",
    positionals: false,
    summary:
      "serve a local Twilio (Studio v2, Conversations v1, and API 2010 numbers, SMS and calls) for the providers and tests",
    usage:
      "studiokit emulator --account-sid AC… --auth-token T [--port N] [--state file] [--number +1…]... [--api-key SK…:secret]... " +
      "[--retain-executions N] [--retain-days D] " +
      "[--fault-rate R --fault-kinds 429,500,503,drop,slow [--fault-seed N]] [--verbose]",
    options: {
      port: { type: "string", value: "N", help: "the port on 127.0.0.1 (default: a free one, printed)" },
      "account-sid": { type: "string", value: "AC…", help: "the account it serves (or TWILIO_ACCOUNT_SID)" },
      "auth-token": {
        type: "string",
        value: "TOKEN",
        help: "that account's auth token (or TWILIO_AUTH_TOKEN)",
      },
      state: {
        type: "string",
        value: "FILE",
        help: "keep the account's resources in this JSON file across restarts",
      },
      number: {
        type: "string",
        multiple: true,
        value: "+1…",
        help: "a phone number the account has (repeatable; kept in --state): a flow on it answers texts and calls",
      },
      "api-key": {
        type: "string",
        multiple: true,
        value: "SK…:SECRET",
        help: "also accept this API key (repeatable)",
      },
      "retain-executions": {
        type: "string",
        value: "N",
        help: "keep at most N ended executions listable, dropping the oldest (default 10000)",
      },
      "retain-days": {
        type: "string",
        value: "D",
        help: "drop ended executions D days after they ended, on the emulator's clock (default 30)",
      },
      "fault-rate": {
        type: "string",
        value: "R",
        help: "fail this share (0 to 1) of requests, to test retries",
      },
      "fault-kinds": {
        type: "string",
        value: "KINDS",
        help: "which failures: a comma list of 429,500,503,drop,slow",
      },
      "fault-seed": { type: "string", value: "N", help: "the seed of the fault sequence, to replay one" },
      verbose: { type: "boolean", help: "log every request on stderr" },
    },
    example:
      "studiokit emulator --port 4010 --account-sid AC00000000000000000000000000000000 --auth-token local-token --number +15017122661",
  }),
  dev: spec({
    name: "dev",
    positionals: false,
    summary:
      "a local Studio: deploy the project's flows to a local Twilio, redeploy on save, talk to them on a page while watching them run",
    usage: "studiokit dev [--port N] [--state file] [--stack NAME] [--no-open]",
    options: {
      port: {
        type: "string",
        value: "N",
        help: "the port on 127.0.0.1 (default 4010, where Pulumi.dev.yaml points twilio:apiBaseUrl)",
      },
      state: {
        type: "string",
        value: "FILE",
        help: "the local Twilio's state file (default .studiokit/state.json)",
      },
      stack: {
        type: "string",
        value: "NAME",
        help: "whose studiokit:flows to deploy: Pulumi.NAME.yaml (default dev), or every file in flows/",
      },
      "no-open": { type: "boolean", help: "do not open the page in a browser" },
    },
    example: "studiokit dev --port 4020",
  }),
  demo: spec({
    name: "demo",
    positionals: false,
    summary:
      "run the tutorial end to end on a local Twilio: deploy it with both wirings, play its conversations; --keep to chat after",
    usage: "studiokit demo [--keep] [--port N]",
    options: {
      keep: { type: "boolean", help: "leave the local Twilio running afterwards, to chat with the flow" },
      port: { type: "string", value: "N", help: "the port on 127.0.0.1 (default: a free one)" },
    },
    example: "studiokit demo --keep",
  }),
} as const;

export type CommandName = keyof typeof specs;

/** parseArgs' option config of a spec: the help texts left out. */
export type ParseOptions<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: Omit<O[K], "help" | "value">;
};

export function parseOptions<O extends Record<string, OptionSpec>>(options: O): ParseOptions<O> {
  const out: Record<string, OptionConfig> = {};
  for (const [name, { help: _help, value: _value, ...config }] of Object.entries(options)) out[name] = config;
  return out as ParseOptions<O>;
}

/** `studiokit <command> --help`: usage, options, one example. */
export function helpText(s: CommandSpec): string {
  const flags = Object.entries(s.options).map(([name, o]) => {
    const short = o.short !== undefined ? `-${o.short}, ` : "";
    const value = o.type === "string" ? ` ${o.value ?? "VALUE"}` : "";
    return [`${short}--${name}${value}`, o.help] as const;
  });
  flags.push(["-h, --help", "print this help"]);
  const width = Math.max(...flags.map(([flag]) => flag.length));
  return [
    `usage: ${s.usage}`,
    "",
    s.summary,
    "",
    "options:",
    ...flags.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`),
    "",
    "example:",
    `  ${s.example}`,
    "",
  ].join("\n");
}
