/** Words a `const` may not be named (ES reserved and strict-mode words, and CommonJS's module wrapper). */
const reserved = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally " +
    "for function if import in instanceof new null return super switch this throw true try typeof var void " +
    "while with yield let static implements interface package private protected public await async of " +
    "undefined NaN Infinity eval arguments require module exports __dirname __filename"
  ).split(" "),
);

/** `send-and-wait-for-reply` → `sendAndWaitForReply`: the builder's factory for a widget type. */
export function factoryName(type: string): string {
  return type.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** `send_and_reply_1` → `sendAndReply1`, `Copy of greeting` → `copyOfGreeting`; ASCII only. */
function camelIdentifier(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter((w) => w !== "");
  if (words.length === 0) return "widget";
  const [first, ...rest] = words as [string, ...string[]];
  const id =
    first.charAt(0).toLowerCase() +
    first.slice(1) +
    rest.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  return /^[0-9]/.test(id) ? `w${id}` : id;
}

/**
 * Gives each widget a `const` name derived from its Studio name, never a reserved word, never a
 * name the generated module imports, and never one given to another widget.
 */
export class Identifiers {
  private readonly used: Set<string>;

  constructor(taken: Iterable<string>) {
    this.used = new Set(taken);
  }

  /** Names already spelt as their identifier (`ask`) are served before the ones that map onto it (`Ask`). */
  claimAll(names: readonly string[]): Map<string, string> {
    const natural = names.filter((n) => camelIdentifier(n) === n);
    const ids = new Map(natural.map((n) => [n, this.claim(n)]));
    for (const name of names) if (!ids.has(name)) ids.set(name, this.claim(name));
    return new Map(names.map((n) => [n, ids.get(n)!]));
  }

  claim(name: string): string {
    const base = camelIdentifier(name);
    let id = reserved.has(base) || this.used.has(base) ? `${base}Widget` : base;
    for (let n = 2; reserved.has(id) || this.used.has(id); n += 1) id = `${base}Widget${n}`;
    this.used.add(id);
    return id;
  }
}
