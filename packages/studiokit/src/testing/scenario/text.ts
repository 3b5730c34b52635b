import { type TranscriptEntry } from "../../engine";
import { type TextMatcher } from "./schema";

const regexCache = new Map<string, RegExp>();

/** Shared by scenario files and the vitest matchers: how a sent or spoken text is matched. */
export function matchesText(matcher: TextMatcher, text: string): boolean {
  if (typeof matcher === "string") return text === matcher;
  if ("contains" in matcher) return text.includes(matcher.contains);
  let regex = regexCache.get(matcher.matches);
  if (!regex) regexCache.set(matcher.matches, (regex = new RegExp(matcher.matches)));
  return regex.test(text);
}

/** `"🤖"`, `text containing "bots"`, `text matching /^Hi/`. */
export function describeTextMatcher(matcher: TextMatcher): string {
  if (typeof matcher === "string") return JSON.stringify(matcher);
  if ("contains" in matcher) return `text containing ${JSON.stringify(matcher.contains)}`;
  return `text matching /${matcher.matches}/`;
}

const q = (text: string) => JSON.stringify(text);

/** One transcript entry as a line a person reads: who did what. */
export function describeEntry(entry: TranscriptEntry): string {
  switch (entry.kind) {
    case "send":
      return `${entry.widget} sent ${q(entry.body)}${entry.mediaUrl ? ` with media ${entry.mediaUrl}` : ""}`;
    case "say":
      return `${entry.widget} said ${q(entry.text)}`;
    case "play":
      return `${entry.widget} played ${entry.url}`;
    case "dtmf":
      return `${entry.widget} sent digits ${q(entry.digits)}`;
    case "reply":
      return `contact replied ${q(entry.body)}`;
    case "press":
      return `caller pressed ${q(entry.digits)}`;
    case "speak":
      return `caller said ${q(entry.text)}`;
    case "hangup":
      return "caller hung up";
    case "wait":
      return `${entry.seconds} s passed`;
    case "callEvent":
      return `call event ${entry.event}`;
    case "http":
      return `${entry.widget} ${entry.method} ${entry.url}${entry.status === undefined ? "" : ` → ${entry.status}`}`;
    case "function":
      return `${entry.widget} ran ${entry.url}${entry.status === undefined ? "" : ` → ${entry.status}`}`;
    case "dial":
      return `${entry.widget} connected the call to ${entry.noun} ${entry.to}`;
    case "call":
      return `${entry.widget} called ${entry.to} from ${entry.from}`;
    case "enqueue":
      return `${entry.widget} enqueued the call in ${entry.queue}`;
    case "flex":
      return `${entry.widget} sent to Flex workflow ${entry.workflow}`;
    case "redirect":
      return `${entry.widget} redirected the call to ${entry.method} ${entry.url}`;
    case "record":
      return `${entry.widget} recording ${entry.action}`;
    case "stream":
      return `${entry.widget} stream ${entry.action} ${entry.url}`;
    case "subflow":
      return `${entry.widget} ran subflow ${entry.flowSid}`;
    case "warning":
      return `warning ${entry.code}${entry.widget ? ` at ${entry.widget}` : ""}: ${entry.message}`;
    case "error":
      return `error${entry.widget ? ` at ${entry.widget}` : ""}: ${entry.message}`;
  }
}
