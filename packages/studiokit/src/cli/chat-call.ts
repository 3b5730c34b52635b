import { LiveClient, LiveClientError, type CallBody, type CallLine } from "../emulator";
import { answered, checkNumber, typedLines, type EmulatorChat } from "./chat-emulator";
import { type Io } from "./command";
import { CliError } from "./errors";

const help =
  "type keys to press (1, 42#), or words to say; /event <name> for an outcome from outside (callCompleted), /wait <seconds>, /hangup, /quit (/help shows this)";

/** How the flow's side of a call reads. */
const verbs: Readonly<Record<string, string>> = {
  say: "says",
  play: "plays",
  dtmf: "plays the keys",
  dial: "connects the call to",
  enqueue: "puts the call in queue",
  record: "records",
  send: "texts",
  redirect: "redirects the call to",
  stream: "streams",
  flex: "hands the call to Flex workflow",
  call: "calls",
};

function line(l: CallLine): string | undefined {
  if (l.speaker === "caller") return undefined;
  return `flow (${l.widget ?? "?"}) ${verbs[l.kind] ?? l.kind}: ${l.text}`;
}

/** What the caller does for a typed line: keys, words, an outside event or the hang-up. */
function action(typed: string): Record<string, string> | undefined {
  const event = /^\/event\s+([A-Za-z]+)$/.exec(typed);
  if (event) return { Event: event[1]! };
  if (typed === "/hangup") return { Status: "completed" };
  const press = /^\/press\s+(\S+)$/.exec(typed);
  if (press) return { Digits: press[1]! };
  const speak = /^\/speak\s+(.+)$/.exec(typed);
  if (speak) return { SpeechResult: speak[1]! };
  if (typed.startsWith("/")) return undefined;
  return /^[0-9*#w]+$/.test(typed) ? { Digits: typed } : { SpeechResult: typed };
}

/**
 * `studiokit chat --emulator --number N --call`: dials a number of a running emulator whose
 * voice webhook is a flow, and plays the caller: what the flow says is printed, what is typed
 * is pressed or said. Ends when the call does.
 */
export async function callOnEmulator(chat: EmulatorChat, io: Io): Promise<number> {
  const client = new LiveClient(chat);
  await checkNumber(client, chat, "voice");
  io.stdout(`calling ${chat.address} as ${chat.from} on ${client.url}; ${help}\n`);
  let seen = 0;
  const show = (body: CallBody) => {
    seen += body.lines.length;
    for (const l of body.lines) {
      const text = line(l);
      if (text !== undefined) io.stdout(`${text}\n`);
    }
    for (const notice of body.notices) io.stdout(`! ${notice}\n`);
    io.stdout(body.status === "completed" ? "[call ended]\n" : `[waiting at ${body.waiting_at ?? "?"}]\n`);
    return body.status !== "completed";
  };
  const call = await client.call(chat.from, chat.address).catch((error: unknown) => {
    throw error instanceof LiveClientError ? new CliError(error.message) : error;
  });
  if (!show(call)) return 0;
  await typedLines(io, help, async (typed, echo) => {
    const wait = /^\/wait\s+(\d+(?:\.\d+)?)$/.exec(typed);
    const act = action(typed);
    if (!wait && act === undefined) {
      io.stdout(`unknown command ${typed.split(/\s+/)[0]}; ${help}\n`);
      return true;
    }
    if (echo) io.stdout(`you: ${typed}\n`);
    const body = await answered(io, async () => {
      if (act !== undefined) return client.onCall(call.sid, act);
      await client.advance(Number(wait?.[1]));
      const whole = await client.fetchCall(call.sid);
      return { ...whole, lines: whole.lines.slice(seen) };
    });
    return body === undefined || show(body);
  });
  return 0;
}
