import fs from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { importFlow, ImportError } from "../../codegen";
import { flowSidSchema } from "../../definition";
import { readConnectionConfig, resolveConnection, twilioClient, type TwilioClient } from "../../providers";
import { parseSpecArgs } from "../args";
import { type Command, type Io } from "../command";
import { CliError } from "../errors";
import { isLive, readAccount, type LiveFlow } from "../pull/account";
import { checkDrift } from "../pull/check";
import { stackEntry, type PulledEntry } from "../pull/entry";
import { fileNames } from "../pull/names";
import { specs } from "../specs";
import { formatTypeScript } from "./import";

const usage = specs.pull.usage;

/** The account's client, from the Twilio CLI's variables; `--api-base-url` wins over TWILIO_API_BASE_URL. */
function connect(apiBaseUrl: string | undefined): { client: TwilioClient; accountSid: string } {
  const env = { ...process.env, ...(apiBaseUrl !== undefined ? { TWILIO_API_BASE_URL: apiBaseUrl } : {}) };
  try {
    const connection = resolveConnection(readConnectionConfig(() => undefined, env));
    return { client: twilioClient(connection), accountSid: connection.accountSid };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(
      apiBaseUrl !== undefined ? message.replace(/^twilio:apiBaseUrl/, "--api-base-url") : message,
    );
  }
}

/** What `pull` was asked for: some flows or all, and where their modules go. */
function selection(args: string[]) {
  const { values, positionals } = parseSpecArgs(args, specs.pull);
  const sids = values.flow ?? [];
  if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"; usage: ${usage}`);
  if (values.all === true && sids.length > 0) throw new CliError("give --flow or --all, not both");
  if (values.all !== true && sids.length === 0)
    throw new CliError(`say which flows: --flow FW… (repeatable) or --all; usage: ${usage}`);
  const bad = sids.find((sid) => !flowSidSchema.safeParse(sid).success);
  if (bad !== undefined)
    throw new CliError(`--flow "${bad}" is not a Studio flow SID (FW followed by 32 hex digits)`);
  if (values.out === undefined)
    throw new CliError("give --out <dir>: where the flow modules go, such as --out flows");
  return { values, flows: values.all === true ? ("all" as const) : sids, out: values.out };
}

/** The entries for the user to paste, as a `config:` block of a stack file. */
function entriesYaml(entries: readonly PulledEntry[]): string {
  return [
    "# The stack settings that deploy the pulled flows from code: paste them into Pulumi.<stack>.yaml",
    "# (docs/accounts.md). adoptSid makes the first pulumi up take over the live flow instead of making one.",
    stringify({ config: { "studiokit:flows": entries } }, { lineWidth: 0 }),
  ].join("\n");
}

/** Writes one flow's module unless a different one is there (without --force); the line to report. */
async function writeFlow(
  flow: LiveFlow,
  file: string,
  shown: string,
  force: boolean,
): Promise<{ line: string; ok: boolean }> {
  let code: string;
  try {
    ({ code } = importFlow(flow.definition, {
      source: `Studio flow ${flow.sid} ("${flow.friendlyName}"), revision ${flow.revision}`,
    }));
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return { line: `${flow.sid}: cannot be imported: ${error.message}`, ok: false };
  }
  const text = (await formatTypeScript(code, file)).code;
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  if (existing === text) return { line: `unchanged ${shown} (${flow.sid})`, ok: true };
  if (existing !== undefined && !force)
    return {
      line: `${shown}: exists and differs from ${flow.sid}; see studiokit pull --check, or pass --force to overwrite it`,
      ok: false,
    };
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  } catch (error) {
    throw new CliError(`${shown}: cannot write: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    line: `wrote ${shown} (${flow.sid}, "${flow.friendlyName}", revision ${flow.revision})`,
    ok: true,
  };
}

/**
 * `studiokit pull`: the account's flows as builder modules in `--out`, through the importer
 * (each compiles back to the definition it came from), and on stdout the stack settings that
 * adopt them with their numbers and address configurations. Progress and problems go to stderr,
 * one line each; a flow that cannot be read or imported does not stop the others.
 */
export const command: Command = {
  name: "pull",
  async run(args: string[], io: Io) {
    const { values, flows, out } = selection(args);
    const { client, accountSid } = connect(values["api-base-url"]);
    const account = await readAccount(client, accountSid, flows);
    const live = account.flows.filter(isLive);
    const names = fileNames(live);
    let problems = 0;
    for (const flow of account.flows) {
      if (isLive(flow)) continue;
      io.stderr(`studiokit pull: ${flow.sid}: ${flow.problem}\n`);
      problems++;
    }
    const target = (flow: LiveFlow) => {
      const file = path.resolve(io.cwd, out, `${names.get(flow.sid) ?? flow.sid}.ts`);
      return { file, shown: path.relative(io.cwd, file).split(path.sep).join("/") };
    };
    if (values.check === true) {
      const drifted = checkDrift(live, target, io);
      return problems > 0 ? 2 : drifted > 0 ? 1 : 0;
    }
    const entries: PulledEntry[] = [];
    let conflicts = 0;
    for (const flow of live) {
      const { file, shown } = target(flow);
      const written = await writeFlow(flow, file, shown, values.force === true);
      io.stderr(`${written.ok ? "" : "studiokit pull: "}${written.line}\n`);
      if (written.ok) entries.push(stackEntry(flow, shown, account));
      else if (written.line.includes("exists and differs")) conflicts++;
      else problems++;
    }
    if (entries.length > 0) io.stdout(entriesYaml(entries));
    return problems > 0 ? 2 : conflicts > 0 ? 1 : 0;
  },
};
