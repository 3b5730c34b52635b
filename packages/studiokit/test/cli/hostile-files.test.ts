import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalJson, type FlowDefinition } from "../../src/definition";
import { showName } from "../../src/compiler";
import { bin, cli, generatedFolder, seedJson } from "./fixtures";

// Files as editors, other systems and attackers leave them: a byte-order mark, binary garbage,
// names that are not UTF-8, a directory or a JSON list where a flow should be.

const { dir } = generatedFolder("hostile-files");

/** A flow module. */
const moduleText = () =>
  `import { flow, sendMessage } from "studiokit";\nexport default flow({ on: { incomingMessage: sendMessage("hello", { body: "hi" }) } });\n`;
const bom = "\uFEFF";
const seed = JSON.parse(seedJson()) as FlowDefinition;
const scenarios = (flow: string) =>
  [
    `flow: ${flow}`,
    "scenarios:",
    "  - name: yes",
    '    trigger: { event: incomingConversationMessage, from: "+15558675310", to: "+15017122661", body: "hi" }',
    "    steps:",
    '      - expect: { send: "Hi, do you like bots?" }',
    "",
  ].join("\n");

/** Writes `name` (bytes, for names that are not UTF-8) under the test's folder. */
function write(name: string | Buffer, content: string | Buffer): void {
  const file = Buffer.concat([
    Buffer.from(dir + path.sep),
    typeof name === "string" ? Buffer.from(name) : name,
  ]);
  // The folder as bytes too: latin1 maps each byte to one character and back.
  fs.mkdirSync(Buffer.from(path.dirname(file.toString("latin1")), "latin1"), { recursive: true });
  fs.writeFileSync(file, content);
}

describe("a UTF-8 byte-order mark", () => {
  write("bom/bots.json", bom + seedJson());
  write("bom/plain.json", seedJson());
  write("bom/hello.ts", bom + moduleText());
  write("bom/bots.scenarios.yaml", bom + scenarios("./bots.json"));
  write("bom/project/Pulumi.dev.yaml", `${bom}config:\n  studiokit:flows:\n    - file: flows/bots.json\n`);
  write("bom/project/flows/bots.json", bom + seedJson());

  it.each([
    [
      ["validate", "bom/bots.json", "bom/hello.ts"],
      "bom/bots.json: ok\nbom/hello.ts: ok\n2 files checked: 0 errors, 0 warnings\n",
    ],
    [["compile", "bom/bots.json"], canonicalJson(seed)],
    [["diff", "bom/plain.json", "bom/bots.json"], undefined],
    [["diagram", "bom/bots.json"], undefined],
    [["import", "bom/bots.json"], undefined],
    [["test", "bom"], "1 passed, 0 failed\n"],
  ])("is read past by %j", async (args, stdout) => {
    const run = await cli(dir, args);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    if (stdout !== undefined) expect(run.stdout).toBe(stdout);
    // The same output as for the file without the mark.
    const plain = await cli(
      dir,
      args.map((a) => (a === "bom/bots.json" ? "bom/plain.json" : a)),
    );
    if (args[0] !== "diff") expect(run.stdout.replaceAll("bots.json", "plain.json")).toBe(plain.stdout);
  });

  it("is read past in the stack settings and the project's flows", async () => {
    expect(await cli(path.join(dir, "bom", "project"), ["validate"])).toEqual({
      code: 0,
      stdout: "flows/bots.json: ok\n1 file checked: 0 errors, 0 warnings\n",
      stderr: "",
    });
  });
});

describe("file content in errors", () => {
  const secret = "sk_live_do_not_print_me";
  write(
    "garbage/binary.json",
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x00, 0xff, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x0a]),
  );
  write("garbage/secret.json", `{\n  "description": "x",\n  "token": ${secret}\n}\n`);
  write("garbage/unterminated.json", `{ "states": [ "${secret}\n`);

  it.each(["validate", "compile", "import", "diagram"])(
    "%s describes the position, never the text",
    async (command) => {
      expect(await cli(dir, [command, "garbage/binary.json"])).toEqual({
        code: 2,
        stdout: "",
        stderr: `studiokit ${command}: garbage/binary.json: invalid JSON at line 1, column 6: unexpected U+0000 where a value should be\n`,
      });
      expect(await cli(dir, [command, "garbage/secret.json"])).toEqual({
        code: 2,
        stdout: "",
        stderr: `studiokit ${command}: garbage/secret.json: invalid JSON at line 3, column 12: unexpected "s" where a value should be\n`,
      });
      expect(await cli(dir, [command, "garbage/unterminated.json"])).toEqual({
        code: 2,
        stdout: "",
        stderr: `studiokit ${command}: garbage/unterminated.json: invalid JSON at line 1, column 39: control character U+000A in a string\n`,
      });
    },
  );
});

describe("file names that are not UTF-8", () => {
  const latin1 = (text: string) => Buffer.from(text, "latin1");
  write(latin1("names/caf\xe9.json"), seedJson());
  write(latin1("names/\xff.ts"), moduleText());
  write(latin1("names/dup\xfe.json"), seedJson());
  write(latin1("names/dup\xff.json"), seedJson());
  write("names/scn/flow.json", seedJson());
  write("names/scn/ok.scenarios.yaml", scenarios("./flow.json"));
  write(latin1("names/scn/\xff.scenarios.yaml"), scenarios("./flow.json"));
  write(latin1("names/scn/\xfe\xfd/nested.scenarios.yaml"), scenarios("../flow.json"));
  write(latin1("names/\xe0/flow.json"), seedJson());
  write(latin1("names/\xe0/in.scenarios.yaml"), scenarios("./flow.json"));

  it("shows a name by its bytes: valid UTF-8 as is, other bytes and control characters escaped", () => {
    expect(showName(Buffer.from("café.json"))).toBe("café.json");
    expect(showName(latin1("caf\xe9.json"))).toBe("caf\\xe9.json");
    expect(showName(Buffer.from([0x61, 0xc3, 0x0a, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0x80]))).toBe(
      "a\\xc3\\x0a😀\\xed\\xa0\\x80",
    );
  });

  // Node.js gives such a name, from the command line or a listing, with U+FFFD for each bad byte.
  it("finds a file by the name Node.js spells it, and reports it by its bytes", async () => {
    expect(await cli(dir, ["validate", "names/caf\uFFFD.json"])).toEqual({
      code: 0,
      stdout: "names/caf\\xe9.json: ok\n1 file checked: 0 errors, 0 warnings\n",
      stderr: "",
    });
    expect(await cli(dir, ["compile", "names/caf\uFFFD.json"])).toEqual({
      code: 0,
      stdout: canonicalJson(seed),
      stderr: "",
    });
    expect((await cli(dir, ["diagram", "names/caf\uFFFD.json"])).code).toBe(0);
  });

  it("says why a module with such a name cannot load, and when names cannot be told apart", async () => {
    expect(await cli(dir, ["compile", "names/\uFFFD.ts"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "studiokit compile: names/\\xff.ts: the file name is not UTF-8, and Node.js loads modules by UTF-8 names only; rename the file\n",
    });
    expect(await cli(dir, ["validate", "names/dup\uFFFD.json"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "studiokit validate: names/dup\uFFFD.json: 2 files have this name once their bytes that are not UTF-8 are replaced; rename them\n",
    });
  });

  it("runs every scenario file, whatever its name or its folder's", async () => {
    const run = await cli(dir, ["test", "names", "--json"]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    expect((JSON.parse(run.stdout) as { results: { file: string }[] }).results.map((r) => r.file)).toEqual([
      "names/\\xe0/in.scenarios.yaml",
      "names/scn/\\xfe\\xfd/nested.scenarios.yaml",
      "names/scn/\\xff.scenarios.yaml",
      "names/scn/ok.scenarios.yaml",
    ]);
    expect(await cli(dir, ["test", "names/scn/\uFFFD.scenarios.yaml"])).toEqual({
      code: 0,
      stdout: "1 passed, 0 failed\n",
      stderr: "",
    });
  });

  it("works from the real command line, with the raw bytes as the argument", async () => {
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      // The shell passes the byte 0xE9 through; Node.js itself can only pass UTF-8 arguments.
      const script = `exec "${process.execPath}" "${bin}" validate "$(printf 'names/caf\\351.json')"`;
      execFile("sh", ["-c", script], { cwd: dir }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
    expect(run).toEqual({
      code: 0,
      stdout: "names/caf\\xe9.json: ok\n1 file checked: 0 errors, 0 warnings\n",
      stderr: "",
    });
  });
});

describe("not a flow file: one wording and exit 2 in every command", () => {
  fs.mkdirSync(path.join(dir, "kinds", "folder.json"), { recursive: true });
  fs.mkdirSync(path.join(dir, "kinds", "folder.ts"), { recursive: true });
  write("kinds/list.json", "[1, 2]");
  write("kinds/text.json", '"a flow"');
  write("kinds/number.json", "42");
  write("kinds/seed.json", seedJson());
  const inputs: [string, string][] = [
    ["kinds/folder.json", "is a directory, not a flow file"],
    ["kinds/folder.ts", "is a directory, not a flow file"],
    ["kinds/list.json", "not a flow definition: the file holds an array, not a JSON object with states"],
    ["kinds/text.json", "not a flow definition: the file holds a string, not a JSON object with states"],
    ["kinds/number.json", "not a flow definition: the file holds a number, not a JSON object with states"],
    ["kinds/missing.json", "no such file"],
  ];
  const commands: [string, (file: string) => string[]][] = [
    ["validate", (file) => ["validate", file]],
    ["compile", (file) => ["compile", file]],
    ["import", (file) => ["import", file]],
    ["diagram", (file) => ["diagram", file]],
    ["diff", (file) => ["diff", file, "kinds/seed.json"]],
    ["chat", (file) => ["chat", file]],
  ];

  // import takes JSON only, and says so for any module name before reading it.
  const table = commands.flatMap(([name, args]) =>
    inputs
      .filter(([file]) => name !== "import" || file.endsWith(".json"))
      .map(([file, reason]) => [name, file, reason, args] as const),
  );
  it.each(table)("%s %s", async (name, file, reason, args) => {
    expect(await cli(dir, args(file), [])).toEqual({
      code: 2,
      stdout: "",
      stderr: `studiokit ${name}: ${file}: ${reason}\n`,
    });
  });

  it.each(inputs)("a scenario's flow: %s", async (file, reason) => {
    const name = `kinds/${path.basename(file).replace(/\W/g, "-")}.scenarios.yaml`;
    write(name, scenarios(`./${path.basename(file)}`));
    expect(await cli(dir, ["test", name])).toEqual({
      code: 2,
      stdout: "",
      stderr: `studiokit test: ${name}:1: flow: ./${path.basename(file)}: ${file}: ${reason}\n`,
    });
  });
});
