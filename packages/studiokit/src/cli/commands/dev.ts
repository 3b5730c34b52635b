import { spawn } from "node:child_process";
import path from "node:path";
import { DevSession, devPage, watchProject } from "../../dev";
import { parseSpecArgs } from "../args";
import { type Command, type Io } from "../command";
import { CliError } from "../errors";
import { specs } from "../specs";
import { readPort, untilSignal } from "./emulator";

/** Opens the page in the user's browser; nothing happens where there is none (a server, CI). */
function openBrowser(url: string): void {
  const opener =
    process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  try {
    const child = spawn(opener, [url], { stdio: "ignore", detached: true });
    child.on("error", () => undefined);
    child.unref();
  } catch {
    // no opener: the URL is printed anyway
  }
}

/** Runs `studiokit dev` until `stop` resolves. */
export async function runDev(args: string[], io: Io, stop: Promise<unknown>): Promise<number> {
  const { values } = parseSpecArgs(args, specs.dev);
  const port = values.port === undefined ? 4010 : readPort(values.port);
  let session: DevSession;
  try {
    session = await DevSession.start({
      projectDir: io.cwd,
      port,
      ...(values.state !== undefined ? { stateFile: path.resolve(io.cwd, values.state) } : {}),
      ...(values.stack !== undefined ? { stack: values.stack } : {}),
      log: (line) => io.stderr(`${line}\n`),
      extension: devPage,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new CliError(`port ${port} is already in use; pick another --port`);
    throw error;
  }
  const directories = () =>
    session.project().flows.map((flow) => path.dirname(path.resolve(io.cwd, flow.file)));
  const watcher = watchProject(io.cwd, directories, () => {
    void session.reload().then(() => watcher.refresh());
  });
  io.stdout(`studiokit dev: ${session.url}/ (the local Twilio and its page; Ctrl-C stops both)\n`);
  if (!values["no-open"]) openBrowser(`${session.url}/`);
  await stop;
  watcher.close();
  await session.close();
  return 0;
}

export const command: Command = {
  name: "dev",
  run: (args, io) => runDev(args, io, untilSignal()),
};
