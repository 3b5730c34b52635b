import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** One resource as the program declared it: its type token, name and inputs (`__provider` included). */
export interface PreviewRegistration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

export interface PreviewResult {
  readonly registrations: readonly PreviewRegistration[];
  readonly outputs: Record<string, unknown>;
}

export interface PreviewOptions {
  /** The directory holding Pulumi.yaml. */
  readonly projectDir: string;
  /** The stack name the program sees (default `dev`). */
  readonly stack?: string;
  /** Stack settings as `Pulumi.<stack>.yaml` holds them (see `readStackSettings`); objects stay objects. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Keys of `config` that are secrets, as `pulumi config set --secret` marks them. */
  readonly secretKeys?: readonly string[];
  /** Skip ts-node's type check of the program (PULUMI_NODEJS_TRANSPILE_ONLY); default: check, as the CLI does. */
  readonly transpileOnly?: boolean;
}

/** The program stopped: `message` is what `pulumi preview` would print for it. */
export class ProgramError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProgramError";
  }
}

/** Every value as a string, objects as JSON: how the CLI passes stack config in PULUMI_CONFIG. */
const cliEncoded = (config: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(
    Object.entries(config).map(([k, v]) => [
      k,
      typeof v === "object" && v !== null ? JSON.stringify(v) : String(v),
    ]),
  );

/**
 * Runs a project's Pulumi program as `pulumi preview` does, without the CLI and without Twilio:
 * the SDK's own language-host code loads the program (through ts-node for a TypeScript program,
 * type checking included) in a child process, with every resource answered by a mock engine.
 * Resolves to every registration and the stack outputs; a program that stops rejects with a
 * ProgramError carrying what the CLI would print.
 *
 * @example
 * const { registrations } = await previewProgram({ projectDir: ".", config: readStackSettings(".").config });
 */
export function previewProgram(options: PreviewOptions): Promise<PreviewResult> {
  // Beside this file in the package; the built copy when this runs from the kit's own sources.
  const host = [
    path.join(__dirname, "language-host.js"),
    path.resolve(__dirname, "..", "..", "..", "dist", "providers", "preview", "language-host.js"),
  ].find((file) => fs.existsSync(file));
  if (host === undefined)
    return Promise.reject(new ProgramError("studiokit is not built; run npm run build"));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [host],
      {
        cwd: options.projectDir,
        env: {
          ...process.env,
          PULUMI_CONFIG: JSON.stringify(cliEncoded(options.config ?? {})),
          PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(options.secretKeys ?? []),
          STUDIOKIT_PREVIEW_STACK: options.stack ?? "dev",
          ...(options.transpileOnly ? { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } : {}),
        },
        maxBuffer: 256 * 1024 * 1024,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(new ProgramError(stderr.trim() || error.message));
          return;
        }
        try {
          resolve(JSON.parse(stdout) as PreviewResult);
        } catch {
          reject(new ProgramError(`the program printed no result: ${stderr.trim() || stdout.trim()}`));
        }
      },
    );
  });
}
