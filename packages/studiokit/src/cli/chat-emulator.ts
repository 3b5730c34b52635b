import readline from "node:readline";
import { LiveClient, LiveClientError, numberTarget, type Channel, type OutcomeBody } from "../emulator";
import { type Io } from "./command";
import { CliError } from "./errors";

export interface EmulatorChat {
  readonly url: string;
  /** The Twilio address the contact writes to (or calls). */
  readonly address: string;
  /** The contact. */
  readonly from: string;
  readonly accountSid: string;
  readonly authToken: string;
}

/**
 * Reads what the user types, one line at a time: blank lines skipped, `/quit` ends, `/help`
 * shows `help`; `handle` takes the rest and says whether to go on.
 */
export async function typedLines(
  io: Io,
  help: string,
  handle: (line: string, echo: boolean) => Promise<boolean>,
): Promise<void> {
  if (!io.stdin) throw new CliError("chat reads what you type from stdin, and there is none");
  const echo = io.stdin.isTTY !== true;
  const lines = readline.createInterface({ input: io.stdin, terminal: false });
  try {
    for await (const raw of lines) {
      const line = raw.trim();
      if (line === "") continue;
      if (line === "/quit") break;
      if (line === "/help") {
        io.stdout(`${help}\n`);
        continue;
      }
      if (!(await handle(line, echo))) break;
    }
  } finally {
    lines.close();
  }
}

/** A LiveClientError that ends the chat as a CliError, or one printed as the emulator's answer (undefined). */
function refused(error: unknown, io: Io): unknown {
  if (!(error instanceof LiveClientError)) return error;
  if (error.status === undefined || error.status === 401) return new CliError(error.message);
  io.stdout(`! ${error.reason}\n`);
  return undefined;
}

/**
 * Runs `step`. An answer the emulator refused is printed and the chat goes on (undefined); an
 * unreachable emulator or refused credentials end it.
 */
export async function answered<T>(io: Io, step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    const fatal = refused(error, io);
    if (fatal !== undefined) throw fatal;
    return undefined;
  }
}

/**
 * Before a chat on a number: the emulator's account has it, and its webhook for the channel is a
 * flow (or, for SMS, an address configuration takes its messages for Conversations). Otherwise
 * one line saying where it points.
 */
export async function checkNumber(client: LiveClient, chat: EmulatorChat, channel: Channel): Promise<void> {
  const number = await client.number(chat.address).catch((error: unknown) => {
    throw error instanceof LiveClientError ? new CliError(error.message) : error;
  });
  if (number === undefined)
    throw new CliError(
      `${chat.address} is not a number of the emulator's account ${chat.accountSid}; start it with --number ${chat.address}`,
    );
  const target = numberTarget(number, channel, chat.accountSid);
  if ("problem" in target && !(channel === "sms" && (await client.autoCreates(chat.address))))
    throw new CliError(target.problem);
}

const help = "type a message, or /wait <seconds> (moves the emulator's clock), /quit (/help shows this)";

/** The chat's lines for what the emulator did: what the flow sent, notices, and where it waits. */
function show(io: Io, outcome: OutcomeBody): void {
  if (outcome.conversation_created) io.stdout(`· new conversation ${outcome.conversation_sid}\n`);
  for (const reply of outcome.replies) io.stdout(`flow (${reply.widget}): ${reply.body}\n`);
  for (const notice of outcome.notices) io.stdout(`! ${notice}\n`);
  const last = outcome.executions[outcome.executions.length - 1];
  if (last === undefined) io.stdout(outcome.replies.length === 0 ? "[no execution moved]\n" : "");
  else io.stdout(last.status === "active" ? `[waiting at ${last.waiting_at ?? "?"}]\n` : "[ended]\n");
}

/**
 * `studiokit chat --emulator`: talks to a flow deployed to a running emulator over HTTP, as a
 * contact texting a Twilio address or number. Routing (conversations, address configurations, a
 * number's SMS webhook, the active execution) is the emulator's, exactly as for any other
 * inbound message.
 */
export async function chatOnEmulator(chat: EmulatorChat, io: Io): Promise<number> {
  if (!io.stdin) throw new CliError("chat reads what you type from stdin, and there is none");
  const client = new LiveClient(chat);
  io.stdout(`chatting as ${chat.from} with ${chat.address} on ${client.url}; ${help}\n`);
  await typedLines(io, help, async (line, echo) => {
    const wait = /^\/wait\s+(\d+(?:\.\d+)?)$/.exec(line);
    if (line.startsWith("/") && !wait) {
      io.stdout(`unknown command ${line.split(/\s+/)[0]}; ${help}\n`);
      return true;
    }
    if (echo) io.stdout(`you: ${line}\n`);
    const outcome = await answered(io, () =>
      wait ? client.advance(Number(wait[1])) : client.inbound(chat.from, chat.address, line),
    );
    if (outcome !== undefined) show(io, outcome);
    return true;
  });
  return 0;
}
