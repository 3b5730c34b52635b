import v8 from "node:v8";
import {
  startEmulator,
  type EmulatorOptions,
  type FaultOptions,
  faultOptionsSchema,
  type RetentionOptions,
} from "../../emulator";
import { parseSpecArgs } from "../args";
import { specs } from "../specs";
import { type Command, type Io } from "../command";
import { readApiKeys, readCredentials } from "../credentials";
import { CliError } from "../errors";
import { e164Schema } from "../../definition";

const usage = specs.emulator.usage;

export function readPort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535)
    throw new CliError(`--port "${raw}" is not a port number (0-65535)`);
  return port;
}

function readNumbers(numbers: readonly string[]): string[] {
  const bad = numbers.find((n) => !e164Schema.safeParse(n).success);
  if (bad !== undefined)
    throw new CliError(`--number "${bad}" is not an E.164 phone number; write it as +15017122661`);
  return [...numbers];
}

function readFaults(rate: string | undefined, kinds: string | undefined, seed: string | undefined) {
  if (rate === undefined && kinds === undefined) return undefined;
  const candidate = {
    rate: Number(rate ?? "NaN"),
    kinds: (kinds ?? "").split(",").filter((k) => k !== ""),
    ...(seed !== undefined ? { seed: Number(seed) } : {}),
  };
  const parsed = faultOptionsSchema.safeParse(candidate);
  if (!parsed.success)
    throw new CliError(
      "--fault-rate must be a number from 0 to 1, --fault-kinds a comma list of 429,500,503,drop,slow and --fault-seed an integer",
    );
  return parsed.data satisfies FaultOptions;
}

/** `--retain-executions N` (a whole number) and `--retain-days D` (a number, fractions allowed). */
function readRetention(executions: string | undefined, days: string | undefined): RetentionOptions {
  const count = (raw: string, flag: string, pattern: RegExp, what: string) => {
    if (!pattern.test(raw)) throw new CliError(`${flag} "${raw}" is not ${what}`);
    return Number(raw);
  };
  return {
    ...(executions !== undefined
      ? { endedExecutions: count(executions, "--retain-executions", /^\d+$/, "a whole number such as 10000") }
      : {}),
    ...(days !== undefined
      ? { days: count(days, "--retain-days", /^\d+(\.\d+)?$/, "a number of days such as 30") }
      : {}),
  };
}

/** Runs until `stop` resolves; prints the listening line once requests are accepted. */
export async function runEmulator(args: string[], io: Io, stop: Promise<unknown>): Promise<number> {
  const { values } = parseSpecArgs(args, specs.emulator);
  const { accountSid, authToken } = readCredentials(
    values,
    `--account-sid and --auth-token are required (or TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN); usage: ${usage}`,
  );
  const faults = readFaults(values["fault-rate"], values["fault-kinds"], values["fault-seed"]);
  const config: EmulatorOptions = {
    port: readPort(values.port),
    accountSid,
    authToken,
    apiKeys: readApiKeys(values["api-key"] ?? []),
    numbers: readNumbers(values.number ?? []),
    ...(values.state !== undefined ? { stateFile: values.state } : {}),
    ...(faults ? { faults } : {}),
    retention: readRetention(values["retain-executions"], values["retain-days"]),
    ...(values.verbose ? { log: (line: string) => io.stderr(line + "\n") } : {}),
  };
  let emulator;
  try {
    emulator = await startEmulator(config);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new CliError(`port ${config.port} is already in use; pick another --port`);
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  io.stdout(`listening on ${emulator.url}\n`);
  await stop;
  await emulator.close();
  return 0;
}

export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const done = (signal: string) => {
      process.off("SIGINT", done);
      process.off("SIGTERM", done);
      resolve(signal);
    };
    process.on("SIGINT", done);
    process.on("SIGTERM", done);
  });
}

export const command: Command = {
  name: "emulator",
  run: (args, io) => {
    // This process is a long-running server and nothing else: V8 is asked to favour memory over
    // speed, which keeps a long run's RSS flat instead of letting the heap grow to several times
    // what is live (bench/long-run.ts, 100,000 conversations: RSS 1.06x its size after 10,000
    // with this flag, 1.38x without; the price is more frequent, smaller major collections).
    v8.setFlagsFromString("--optimize-for-size");
    return runEmulator(args, io, untilSignal());
  },
};
