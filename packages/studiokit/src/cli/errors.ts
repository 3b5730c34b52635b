/**
 * An error the user can act on: printed as one line (`studiokit: <message>`), never a stack
 * trace. Exit 2 means the input was unusable (missing file, bad JSON, bad arguments).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = "CliError";
  }
}
