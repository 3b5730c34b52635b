import readline from "node:readline";
import {
  e164Schema,
  formatPath,
  isTriggerEvent,
  parseJsonText,
  triggerEvents,
  type FlowDefinition,
  type TriggerEvent,
} from "../../definition";
import {
  EngineInputError,
  startExecution,
  triggerInputSchema,
  type Execution,
  type TranscriptEntry,
} from "../../engine";
import { describeEntry } from "../../testing";
import { parseSpecArgs } from "../args";
import { callOnEmulator } from "../chat-call";
import { chatOnEmulator, checkNumber } from "../chat-emulator";
import { LiveClient } from "../../emulator";
import { specs } from "../specs";
import { type Command, type Io } from "../command";
import { readCredentials } from "../credentials";
import { CliError } from "../errors";
import { readDefinition } from "../read-definition";

const usage = specs.chat.usage;

const help =
  "type a reply, or /wait <seconds>, /press <digits>, /speak <text>, /hangup, /quit (/help shows this)";

/** The trigger event to start with: the one asked for, else the first one the flow wires. */
function triggerEvent(definition: FlowDefinition, asked: string | undefined): TriggerEvent {
  if (asked !== undefined) {
    if (isTriggerEvent(asked)) return asked;
    throw new CliError(`--event ${asked} is not a trigger event; use one of ${triggerEvents.join(", ")}`);
  }
  const trigger = definition.states.find((s) => s.name === definition.initial_state);
  const wired = trigger?.transitions.find((t) => t.next && isTriggerEvent(t.event))?.event;
  if (wired === undefined || !isTriggerEvent(wired))
    throw new CliError(`the flow's trigger starts nothing; wire one of ${triggerEvents.join(", ")}`);
  return wired;
}

function parameters(text: string | undefined): { parameters?: unknown } {
  if (text === undefined) return {};
  const parsed = parseJsonText(text);
  if (parsed.ok) return { parameters: parsed.value };
  throw new CliError(
    parsed.problem
      ? `--parameters: ${parsed.problem.path}: ${parsed.problem.message}`
      : `--parameters must be JSON, such as '{"name":"Ada"}'`,
  );
}

/** The `--emulator` URL: http(s), without credentials in it (they go in --account-sid and --auth-token). */
function emulatorUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError("--emulator is not a URL; give the emulator's, such as http://127.0.0.1:4010");
  }
  if (url.username !== "" || url.password !== "")
    throw new CliError("--emulator must not hold credentials; give them as --account-sid and --auth-token");
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new CliError("--emulator must be an http:// URL, such as http://127.0.0.1:4010");
  return text;
}

/** How one transcript entry reads in the chat; the user's own input only when it was not typed on a terminal. */
function chatLine(entry: TranscriptEntry, echoInput: boolean): string | undefined {
  switch (entry.kind) {
    case "send":
      return `flow (${entry.widget}): ${entry.body}`;
    case "say":
      return `flow (${entry.widget}) says: ${entry.text}`;
    case "reply":
      return echoInput ? `you: ${entry.body}` : undefined;
    case "press":
    case "speak":
    case "hangup":
      return echoInput ? `you: ${describeEntry(entry).replace(/^caller /, "")}` : undefined;
    default:
      return `· ${describeEntry(entry)}`;
  }
}

function stateLine(e: Execution): string {
  if (e.status !== "ended") return `[waiting at ${e.waitingAt ?? "?"}]`;
  const r = e.endReason;
  return r?.kind === "error"
    ? `[ended with an error: ${r.message}]`
    : r?.kind === "limit"
      ? `[ended: ${r.message}]`
      : "[ended]";
}

/** Runs one typed line. Returns false on /quit. */
async function act(e: Execution, line: string, io: Io): Promise<boolean> {
  const [command = "", ...words] = line.trim().split(/\s+/);
  const rest = words.join(" ");
  if (!command.startsWith("/")) await e.reply(line);
  else if (command === "/quit") return false;
  else if (command === "/help") io.stdout(`${help}\n`);
  else if (command === "/wait" && /^\d+(\.\d+)?$/.test(rest)) await e.wait(Number(rest));
  else if (command === "/press" && rest !== "") await e.press(rest);
  else if (command === "/speak" && rest !== "") await e.speak(rest);
  else if (command === "/hangup") await e.hangup();
  else if (["/wait", "/press", "/speak"].includes(command))
    io.stdout(`${command} needs ${command === "/wait" ? "a number of seconds" : "something to send"}\n`);
  else io.stdout(`unknown command ${command}; ${help}\n`);
  return true;
}

export const command: Command = {
  name: "chat",
  async run(args, io) {
    const { values, positionals } = parseSpecArgs(args, specs.chat);
    if (values.emulator !== undefined) {
      if (positionals.length > 0 || (values.address === undefined) === (values.number === undefined))
        throw new CliError(
          `with --emulator give --address (the Twilio address to text) or --number (a number to text or --call), and no flow file; usage: ${usage}`,
        );
      const flowOnly = (["event", "to", "body", "parameters"] as const).filter(
        (o) => values[o] !== undefined,
      );
      if (flowOnly.length > 0)
        throw new CliError(
          `${flowOnly.map((o) => `--${o}`).join(", ")} ${flowOnly.length === 1 ? "goes" : "go"} with a flow file, not --emulator; usage: ${usage}`,
        );
      if (values.number !== undefined && !e164Schema.safeParse(values.number).success)
        throw new CliError(
          `--number "${values.number}" is not an E.164 phone number; write it as +15017122661`,
        );
      if (values.call === true && values.number === undefined)
        throw new CliError("--call needs --number: the number to call");
      const url = emulatorUrl(values.emulator);
      const credentials = readCredentials(
        values,
        "give the emulator's credentials: --account-sid and --auth-token, or TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN",
      );
      const from = values.from ?? "+15558675310";
      const chat = { url, address: values.number ?? values.address ?? "", from, ...credentials };
      if (values.call === true) return callOnEmulator(chat, io);
      if (values.number !== undefined) await checkNumber(new LiveClient(chat), chat, "sms");
      return chatOnEmulator(chat, io);
    }
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) throw new CliError(`give one flow file; usage: ${usage}`);
    const emulatorOnly = (["address", "number", "call", "account-sid", "auth-token"] as const).filter(
      (o) => values[o] !== undefined,
    );
    if (emulatorOnly.length > 0)
      throw new CliError(
        `${emulatorOnly.map((o) => `--${o}`).join(", ")} ${emulatorOnly.length === 1 ? "goes" : "go"} with --emulator, not a flow file; usage: ${usage}`,
      );
    if (!io.stdin) throw new CliError("chat reads what you type from stdin, and there is none");
    const definition = await readDefinition(file, io.cwd);
    const event = triggerEvent(definition, values.event);
    // Twilio's documentation numbers: the contact, and the flow's own address.
    const contact = values.from ?? "+15558675310";
    const twilio = values.to ?? "+15017122661";
    const [from, to] =
      event === "incomingRequest" ? [values.from ?? twilio, values.to ?? contact] : [contact, twilio];
    const body =
      event === "incomingMessage" || event === "incomingConversationMessage"
        ? { body: values.body ?? "hi" }
        : {};
    const trigger = triggerInputSchema.safeParse({
      event,
      from,
      to,
      ...body,
      ...parameters(values.parameters),
    });
    if (!trigger.success) {
      const issue = trigger.error.issues[0];
      throw new CliError(`trigger ${issue ? formatPath(issue.path) : ""}: ${issue?.message ?? "invalid"}`);
    }
    let execution: Execution;
    try {
      execution = await startExecution(definition, trigger.data);
    } catch (error) {
      if (error instanceof EngineInputError) throw new CliError(error.message);
      throw error;
    }
    const echo = io.stdin.isTTY !== true;
    let shown = 0;
    const show = () => {
      for (const entry of execution.transcript.slice(shown)) {
        const line = chatLine(entry, echo);
        if (line !== undefined) io.stdout(`${line}\n`);
      }
      shown = execution.transcript.length;
      io.stdout(`${stateLine(execution)}\n`);
    };
    io.stdout(`chatting with ${file}: ${event} from ${from} to ${to}; ${help}\n`);
    show();
    const ended = () => execution.status === "ended";
    if (ended()) return 0;
    const lines = readline.createInterface({ input: io.stdin, terminal: false });
    try {
      for await (const line of lines) {
        if (line.trim() === "") continue;
        if (!(await act(execution, line, io))) break;
        show();
        if (ended()) break;
      }
    } finally {
      lines.close();
    }
    return 0;
  },
};
