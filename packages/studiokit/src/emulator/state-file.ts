import fs from "node:fs";
import path from "node:path";
import { recountIndexes } from "./conversations/message-records";
import { ApiError, codes } from "./errors";
import { storeStateSchema } from "./state";
import { Store } from "./store";

/**
 * Where changes go once applied. The server asks `ready()` before it applies a change and
 * `commit()` after: a change that cannot be saved is refused or rolled back, never half-done.
 */
export interface Persistence {
  /** Throws a 500 ApiError when a change could not be saved now; nothing has been applied yet. */
  ready(): void;
  /** Saves the store; when that fails, the store goes back to what was last saved and it throws a 500. */
  commit(): void;
}

/** Without a `--state` file nothing is saved, so nothing can fail. */
export const inMemory: Persistence = { ready: () => undefined, commit: () => undefined };

const reasonOf = (error: unknown) =>
  (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));

/** Reads a state file; a missing file means a fresh store. Throws one-line errors naming the file. */
export function loadStore(file: string, accountSid: string): Store {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Store(accountSid);
    throw new Error(
      `cannot read state file ${file} (${reasonOf(error)}); fix its permissions or use another --state file`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`state file ${file} is not JSON (${(error as Error).message}); delete it or fix it`);
  }
  const parsed = storeStateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `state file ${file} is not an emulator state (${issue?.path.join(".") || "(root)"}: ${issue?.message}); delete it to start fresh`,
    );
  }
  if (parsed.data.account_sid !== accountSid)
    throw new Error(
      `state file ${file} belongs to account ${parsed.data.account_sid}, not ${accountSid}; use another --state file`,
    );
  return new Store(accountSid, parsed.data);
}

/**
 * The store kept in a JSON file, rewritten after every change (temp file + rename, so a killed
 * emulator never leaves half a file). The text last written is kept to roll back to.
 */
export class StateFile implements Persistence {
  #saved: string;

  /** Writes the file once, so a path that cannot be written fails the start, not the first change. */
  constructor(
    private readonly store: Store,
    readonly file: string,
  ) {
    try {
      this.#saved = this.#write();
    } catch (error) {
      throw new Error(
        `cannot write state file ${file} (${reasonOf(error)}): its directory must exist and be writable; create it or use another --state file`,
      );
    }
  }

  ready(): void {
    try {
      fs.accessSync(path.dirname(this.file), fs.constants.W_OK);
    } catch (error) {
      throw this.#notSaved(error);
    }
  }

  commit(): void {
    try {
      this.#saved = this.#write();
    } catch (error) {
      this.store.restore(storeStateSchema.parse(JSON.parse(this.#saved)));
      recountIndexes(this.store);
      throw this.#notSaved(error);
    }
  }

  #write(): string {
    const text = JSON.stringify(this.store.toState(), null, 2) + "\n";
    const tmp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, text);
    try {
      fs.renameSync(tmp, this.file);
    } catch (error) {
      fs.rmSync(tmp, { force: true });
      throw error;
    }
    return text;
  }

  #notSaved(error: unknown): ApiError {
    return new ApiError(
      500,
      codes.internalError,
      `The emulator cannot write its state file ${this.file} (${reasonOf(error)}); the change was NOT applied`,
    );
  }
}
