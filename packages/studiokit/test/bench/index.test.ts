import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";

const root = path.resolve(__dirname, "../..");

// `npm run bench` runs outside vitest, so a benchmark that pulls in a test-only module (one that
// imports vitest) breaks it without failing any test. Loading the dispatcher loads every benchmark.
// Loaded here through tsx (esbuild), in a third of the CPU ts-node takes; `npm run bench` itself
// keeps ts-node, whose output the engine runs at about 2.7 times the steps per second of tsx's.
test("npm run bench loads every benchmark module outside vitest and names them on a wrong name", () => {
  const result = spawnSync(process.execPath, ["-r", "tsx/cjs", "bench/index.ts", "no-such-bench"], {
    cwd: root,
    encoding: "utf8",
  });
  expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
    status: 2,
    stdout: "",
    stderr:
      'bench: unknown benchmark "no-such-bench"; known: compile, validate-real, import, engine-steps, ' +
      "fuzz, scenarios, typecheck, emulator, providers, fault-soak, live, package, pull, sms, dev, diff-pr\n",
  });
}, 60_000);
