/** What a command may write to; tests pass buffers, the binary passes the process streams. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Lines typed by the user (`studiokit chat`); tests pass a Readable. */
  readonly stdin?: NodeJS.ReadableStream & { readonly isTTY?: boolean };
}

export interface Command {
  readonly name: string;
  /** One line for `studiokit help`. */
  readonly summary: string;
  /** Usage line, e.g. `studiokit validate <file.json|flow.ts>... [--json]`. */
  readonly usage: string;
  /** Returns the exit code. Throws CliError for unusable input. */
  run(args: string[], io: Io): Promise<number>;
}
