import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { helpText, specs } from "../../src/cli";
import { projectDir } from "../support/fixtures";
import { cli, spawnCli } from "./fixtures";

const names = Object.keys(specs);
const packageJson = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
  version: string;
};

describe("--help and --version", () => {
  it("lists every command in studiokit help", async () => {
    const run = await cli(projectDir, ["help"]);
    expect(run.code).toBe(0);
    expect([...run.stdout.matchAll(/^ {2}studiokit (\w+)/gm)].map((m) => m[1])).toEqual(names);
  });

  it.each(names)(
    "studiokit %s --help: usage, every option, one example; exit 0 and nothing run",
    async (name) => {
      const spec = specs[name as keyof typeof specs];
      const run = await cli(projectDir, [name, "--help"]);
      expect(run).toEqual({ code: 0, stdout: helpText(spec), stderr: "" });
      const lines = run.stdout.split("\n");
      expect(lines[0]).toBe(`usage: ${spec.usage}`);
      for (const option of Object.keys(spec.options))
        expect(run.stdout).toMatch(new RegExp(`--${option}\\b.*\\S`));
      expect(lines.slice(lines.indexOf("example:") + 1, -1)).toEqual([`  ${spec.example}`]);
      expect(spec.example.startsWith(`studiokit ${name}`)).toBe(true);
    },
  );

  it("answers -h after other arguments, but not after --", async () => {
    expect((await cli(projectDir, ["compile", "flows/do-you-like-bots.ts", "-h"])).stdout).toBe(
      helpText(specs.compile),
    );
    expect(await cli(projectDir, ["validate", "--", "--help"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "studiokit validate: --help: no such file\n",
    });
  });

  it("prints the package's version, from the real binary too", async () => {
    expect(await cli(projectDir, ["--version"])).toEqual({
      code: 0,
      stdout: `${packageJson.version}\n`,
      stderr: "",
    });
    expect(await spawnCli(projectDir, ["--version"])).toEqual({
      code: 0,
      stdout: `${packageJson.version}\n`,
      stderr: "",
    });
    expect(await spawnCli(projectDir, ["diff", "--help"])).toEqual({
      code: 0,
      stdout: helpText(specs.diff),
      stderr: "",
    });
  });
});
