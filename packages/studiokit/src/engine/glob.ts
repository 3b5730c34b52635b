/*
 * Glob matching in time linear in the text for a given pattern: the pattern is a small automaton
 * whose set of live positions advances one character at a time (no backtracking). A RegExp built
 * from a glob backtracks: `*a*a*a…*b` (24 stars) against a long text runs for hours.
 */

type Token =
  | { readonly kind: "char"; readonly code: number }
  /** `?` in paths: one character of a path segment. */
  | { readonly kind: "one" }
  /** `*`: a run of zero or more characters; in paths, within one segment. */
  | { readonly kind: "star"; readonly crossesSlash: boolean }
  /**
   * `**\/` in paths, nothing or whole segments, is two positions: "segments" moves on without
   * reading (to the next position, or past both), "to slash" reads anything up to a `/`.
   */
  | { readonly kind: "segments" }
  | { readonly kind: "to slash" };

export interface GlobOptions {
  /**
   * Path globs: `*` and `?` stay within one `/`-separated segment, `**` crosses segments, `**\/`
   * matches zero or more whole segments. Otherwise (URL mocks) `*` is any text and `?` is itself.
   */
  readonly paths?: boolean;
}

const slash = 0x2f;

function tokenize(glob: string, paths: boolean): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === "*") {
      let stars = 1;
      while (glob.charAt(i + stars) === "*") stars++;
      i += stars - 1;
      const globstar = paths && stars > 1;
      if (globstar && glob.charAt(i + 1) === "/") {
        tokens.push({ kind: "segments" }, { kind: "to slash" });
        i++;
      } else tokens.push({ kind: "star", crossesSlash: !paths || globstar });
    } else if (c === "?" && paths) tokens.push({ kind: "one" });
    else tokens.push({ kind: "char", code: glob.charCodeAt(i) });
  }
  return tokens;
}

/** Marks every position reachable from a live one without reading a character (stars may match nothing). */
function close(tokens: readonly Token[], live: Uint8Array): void {
  for (let i = 0; i < tokens.length; i++) {
    if (!live[i]) continue;
    const kind = tokens[i]!.kind;
    if (kind === "star") live[i + 1] = 1;
    else if (kind === "segments") live[i + 1] = live[i + 2] = 1;
  }
}

/** A test of whole texts against `glob`: O(text length × pattern length), whatever the pattern. */
export function globMatcher(glob: string, options: GlobOptions = {}): (text: string) => boolean {
  const tokens = tokenize(glob, options.paths === true);
  const end = tokens.length;
  return (text) => {
    let live = new Uint8Array(end + 1);
    let next = new Uint8Array(end + 1);
    live[0] = 1;
    close(tokens, live);
    for (let t = 0; t < text.length; t++) {
      const code = text.charCodeAt(t);
      next.fill(0);
      let any = false;
      for (let i = 0; i < end; i++) {
        if (!live[i]) continue;
        const token = tokens[i]!;
        if (token.kind === "char") {
          if (token.code === code) next[i + 1] = 1;
        } else if (token.kind === "one") {
          if (code !== slash) next[i + 1] = 1;
        } else if (token.kind === "star") {
          if (token.crossesSlash || code !== slash) next[i] = 1;
        } else if (token.kind === "to slash") {
          next[i] = 1;
          if (code === slash) next[i + 1] = 1;
        }
        any = true;
      }
      if (!any) return false;
      close(tokens, next);
      [live, next] = [next, live];
    }
    return live[end] === 1;
  };
}
