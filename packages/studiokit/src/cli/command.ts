/** What a command may write to; tests pass buffers, the binary passes the process streams. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Lines typed by the user (`studiokit chat`); tests pass a Readable. */
  readonly stdin?: NodeJS.ReadableStream & { readonly isTTY?: boolean };
}

/** A command's behaviour; what it takes and its help text are its spec (specs.ts). */
export interface Command {
  readonly name: string;
  /** Returns the exit code. Throws CliError for unusable input. */
  run(args: string[], io: Io): Promise<number>;
}
