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

export const specs = {
  compile: spec({
    name: "compile",
    positionals: true,
    summary:
      "compile a flow module (default export a flow) to canonical Studio flow JSON; exit 1 if invalid, warnings on stderr",
    usage: "studiokit compile <flow.ts|flow.json> [--out file.json]",
    options: {
      out: { type: "string", short: "o", value: "file.json", help: "write the JSON there, not to stdout" },
    },
    example: "studiokit compile flows/do-you-like-bots.ts --out bots.json",
  }),
  validate: spec({
    name: "validate",
    positionals: true,
    summary:
      "check flow files (.json definitions or flow modules), or every flow of the project; exit 1 on errors, warnings allowed",
    usage: "studiokit validate [<file.json|flow.ts>...] [--stack NAME] [--json]",
    options: {
      stack: {
        type: "string",
        value: "NAME",
        help: "with no files: the flows studiokit:flows of Pulumi.NAME.yaml lists (default dev), or every file in flows/",
      },
      json: { type: "boolean", help: "print every file's issues as JSON" },
    },
    example: "studiokit validate flows/*.ts exported.json",
  }),
  test: spec({
    name: "test",
    positionals: true,
    summary: "run scenario files (*.scenarios.yaml) against their flows; exit 0 only when all pass",
    usage: "studiokit test [paths or globs...] [--coverage] [--json]",
    options: {
      coverage: { type: "boolean", help: "report widget and transition coverage per flow" },
      json: { type: "boolean", help: "print the results (and coverage) as JSON" },
    },
    example: "studiokit test flows/ --coverage",
  }),
  chat: spec({
    name: "chat",
    positionals: true,
    summary:
      "talk to a flow in the terminal (type replies, /wait 3600, /press 1), or to one deployed to an emulator with --emulator",
    usage:
      "studiokit chat <flow> [--event <trigger event>] [--from <address>] [--to <address>] [--body <text>] [--parameters <json>]" +
      " | --emulator <url> --address <Twilio address> [--from <contact>] [--account-sid AC… --auth-token T]",
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
  emulator: spec({
    name: "emulator",
    positionals: false,
    summary: "serve a local Twilio (Studio v2 and Conversations v1 REST) for the providers and tests",
    usage:
      "studiokit emulator --account-sid AC… --auth-token T [--port N] [--state file] [--api-key SK…:secret]... " +
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
      "api-key": {
        type: "string",
        multiple: true,
        value: "SK…:SECRET",
        help: "also accept this API key (repeatable)",
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
      "studiokit emulator --port 4010 --account-sid AC00000000000000000000000000000000 --auth-token local-token",
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
