import readline from "node:readline";
import { LiveClient, LiveClientError, type OutcomeBody } from "../emulator";
import { type Io } from "./command";
import { CliError } from "./errors";

export interface EmulatorChat {
  readonly url: string;
  /** The Twilio address the contact writes to. */
  readonly address: string;
  /** The contact. */
  readonly from: string;
  readonly accountSid: string;
  readonly authToken: string;
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
 * contact texting a Twilio address. Routing (conversations, address configurations, the active
 * execution) is the emulator's, exactly as for any other inbound message.
 */
export async function chatOnEmulator(chat: EmulatorChat, io: Io): Promise<number> {
  if (!io.stdin) throw new CliError("chat reads what you type from stdin, and there is none");
  const client = new LiveClient(chat);
  const echo = io.stdin.isTTY !== true;
  io.stdout(`chatting as ${chat.from} with ${chat.address} on ${client.url}; ${help}\n`);
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
      const wait = /^\/wait\s+(\d+(?:\.\d+)?)$/.exec(line);
      if (line.startsWith("/") && !wait) {
        io.stdout(`unknown command ${line.split(/\s+/)[0]}; ${help}\n`);
        continue;
      }
      if (echo) io.stdout(`you: ${line}\n`);
      try {
        show(
          io,
          wait ? await client.advance(Number(wait[1])) : await client.inbound(chat.from, chat.address, line),
        );
      } catch (error) {
        if (!(error instanceof LiveClientError)) throw error;
        // Unreachable or refused credentials end the chat; anything else is the emulator's answer to this line.
        if (error.status === undefined || error.status === 401) throw new CliError(error.message);
        io.stdout(`! ${error.reason}\n`);
      }
    }
  } finally {
    lines.close();
  }
  return 0;
}
