import { LiveClient, LiveClientError, startEmulator, type Emulator } from "../../emulator";
import { parseSpecArgs } from "../args";
import { specs } from "../specs";
import { type Command, type Io } from "../command";
import { cast } from "../demo/cast";
import type { deployTutorial } from "../demo/deploy";
import { describeDeployment, playTutorial } from "../demo/script";
import { CliError } from "../errors";
import { ensureTypeScript } from "../../compiler";
import { readPort, untilSignal } from "./emulator";

/** Loaded when run, not at start-up: it loads @pulumi/pulumi, which no other command needs. */
async function loadDeploy(): Promise<typeof deployTutorial> {
  ensureTypeScript();
  return (await import("../demo/deploy.js")).deployTutorial;
}

async function start(port: number): Promise<Emulator> {
  try {
    return await startEmulator({
      port,
      accountSid: cast.accountSid,
      authToken: cast.authToken,
      numbers: [cast.number],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE")
      throw new CliError(`port ${port} is already in use; pick another --port`);
    throw error;
  }
}

function keepLines(url: string): string[] {
  return [
    "",
    `The local Twilio keeps running at ${url} (Ctrl-C stops it). Chat with the flow as a new contact:`,
    `  npx studiokit chat --emulator ${url} --address ${cast.number} --from ${cast.you} --account-sid ${cast.accountSid} --auth-token ${cast.authToken}`,
    "or call the IVR on the number (type 1 to press it):",
    `  npx studiokit chat --emulator ${url} --number ${cast.number} --call --from ${cast.you} --account-sid ${cast.accountSid} --auth-token ${cast.authToken}`,
    `(the demo emulator's own made-up account; the twilio library and pulumi reach it the same way, with twilio:apiBaseUrl ${url})`,
  ];
}

/** Runs the demo; with --keep, leaves the emulator up until `stop` resolves. */
export async function runDemo(args: string[], io: Io, stop: () => Promise<unknown>): Promise<number> {
  const { values } = parseSpecArgs(args, specs.demo);
  const emulator = await start(readPort(values.port));
  const out = (line: string) => io.stdout(`${line}\n`);
  try {
    out("studiokit demo: a local Twilio in this process (no account, no network), the tutorial flow");
    out(
      "flows/do-you-like-bots.ts and a voice IVR deployed to it, its conversations and a call played over HTTP.",
    );
    out("");
    const deployment = await (await loadDeploy())(emulator.url);
    describeDeployment(out, deployment);
    const client = new LiveClient({
      url: emulator.url,
      accountSid: cast.accountSid,
      authToken: cast.authToken,
    });
    await playTutorial(client, out, deployment);
    if (!values.keep) {
      out("");
      out(
        "Done; the local Twilio has stopped. studiokit demo --keep leaves it running to chat with the flow.",
      );
      return 0;
    }
    keepLines(emulator.url).forEach(out);
    await stop();
    return 0;
  } catch (error) {
    if (error instanceof LiveClientError) throw new CliError(error.message);
    throw error;
  } finally {
    await emulator.close();
  }
}

export const command: Command = {
  name: "demo",
  run: (args, io) => runDemo(args, io, untilSignal),
};
