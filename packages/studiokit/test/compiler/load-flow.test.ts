import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile, FlowFileError, isCompileError, loadFlowFile } from "../../src/compiler";
import { validateDefinition } from "../../src/validator";
import bots from "../fixtures/project/flows/do-you-like-bots";
import { legacyFlowFile, projectDir, realFlowsDir, seedFlowPath } from "../support/fixtures";

const root = path.resolve(__dirname, "..", "..");
// Flow modules sit inside the project, beside the sources they import.
const generated = path.join(root, "test", ".generated");
fs.mkdirSync(generated, { recursive: true });
const tmp = fs.mkdtempSync(path.join(generated, "load-flow-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const builder = path
  .relative(tmp, path.join(root, "src", "builder"))
  .split(path.sep)
  .join("/");
function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text.replaceAll("BUILDER", builder));
  return file;
}

async function failure(file: string): Promise<string> {
  const error: unknown = (() => {
    try {
      loadFlowFile(file, root);
      return undefined;
    } catch (e) {
      return e;
    }
  })();
  expect(error).toBeInstanceOf(FlowFileError);
  return (error as FlowFileError).message;
}

describe("loadFlowFile", () => {
  it("compiles a .ts module whose default export is a flow", async () => {
    expect(loadFlowFile("flows/do-you-like-bots.ts", projectDir)).toEqual({
      definition: compile(bots),
      issues: [],
      kind: "ts",
    });
  });

  it("hands over the warnings compiling a module found, as the validator words them", async () => {
    const file = write(
      "warned.ts",
      [
        'import { flow, makeHttpRequest } from "BUILDER";',
        'const call = makeHttpRequest("call", { method: "GET", url: "https://alice:pw@api.example.com/x" });',
        "export default flow({ on: { incomingRequest: call } });",
      ].join("\n"),
    );
    const loaded = loadFlowFile(file, root);
    expect(loaded.kind === "ts" && loaded.issues).toEqual([
      {
        code: "credential",
        severity: "warning",
        path: "states[1].properties.url",
        widget: "call",
        message:
          "the URL carries a password (https://****:****@api.example.com); anyone who can read the flow (or its git history) can read it; keep it out of the flow, e.g. in a Twilio Function's environment variables",
      },
    ]);
    expect(loaded.kind === "ts" && loaded.issues).toEqual(validateDefinition(loaded.definition));
  });

  it("reads a .json definition as it is", async () => {
    const loaded = loadFlowFile(seedFlowPath, root);
    expect(loaded).toEqual({ definition: JSON.parse(fs.readFileSync(seedFlowPath, "utf8")), kind: "json" });
  });

  it("names a missing file", async () => {
    expect(await failure("flows/nope.ts")).toBe("flows/nope.ts: no such file");
  });

  it("names the file and position of a JSON syntax error", async () => {
    const file = write("broken.json", '{\n  "states": [1 2]\n}');
    expect(await failure(file)).toBe(
      `${file}: invalid JSON at line 2, column 16: expected "," or "]", found "2"`,
    );
  });

  it("names a JSON document that is not an object as not a flow definition", async () => {
    const file = write("list.json", "[1, 2]");
    expect(await failure(file)).toBe(
      `${file}: not a flow definition: the file holds an array, not a JSON object with states`,
    );
  });

  /** The issues of a definition that loadFlowFile refuses as invalid (exit 1 in the CLI, as validate). */
  function invalidIssues(file: string) {
    try {
      loadFlowFile(file, root);
    } catch (error) {
      if (isCompileError(error)) return error.issues.map((i) => ({ code: i.code, path: i.path }));
      throw error;
    }
    throw new Error("expected the definition to be refused");
  }

  it("refuses an object that does not fit the flow schema with the validator's issues", async () => {
    const file = write("no-states.json", '{ "initial_state": "Trigger" }');
    expect(invalidIssues(file)).toEqual(
      validateDefinition({ initial_state: "Trigger" }).map((i) => ({ code: i.code, path: i.path })),
    );
    expect(invalidIssues(file)).toEqual([{ code: "schema", path: "states" }]);
  });

  it("rejects the legacy v1 format with the path of the first v1 widget", async () => {
    expect(invalidIssues(path.join(realFlowsDir, legacyFlowFile))).toEqual([
      { code: "schema", path: "states[0].type" },
    ]);
  });

  it("names a module without a default export", async () => {
    const file = write("no-default.ts", "export const x = 1;\n");
    expect(await failure(file)).toBe(
      `${file}: has no default export; end the file with export default flow({ on: { … } })`,
    );
  });

  it("names a default export that is not a flow", async () => {
    const file = write("not-flow.ts", "export default { on: {} };\n");
    expect(await failure(file)).toBe(
      `${file}: the default export is an object, not a flow; export default flow({ on: { … } })`,
    );
  });

  it("reports a module that throws while loading in one line, at the author's line", async () => {
    const file = write(
      "throws.ts",
      'import { sendMessage } from "BUILDER";\nsendMessage("", { body: "x" });\nexport default 1;\n',
    );
    expect(await failure(file)).toBe(
      `${file}:2:12: send-message: a widget needs a non-empty name (its Studio name), got ""`,
    );
  });

  it("gives the line and the widget of an event the widget does not have (TypeScript lines, not the transpile's)", async () => {
    const file = write(
      "bad-event.ts",
      [
        'import { flow, sendMessage } from "BUILDER";',
        "",
        "type Note = { readonly text: string };",
        'const note: Note = { text: "hi" };',
        'const greet = sendMessage("greet", { body: note.text });',
        "// @ts-expect-error -- the error under test",
        'greet.on("timeout", greet);',
        "export default flow({ on: { incomingMessage: greet } });",
      ].join("\n"),
    );
    expect(await failure(file)).toBe(
      `${file}:7:7: widget "greet" (send-message) has no event "timeout"; its events are sent, failed`,
    );
  });

  it("gives the line and the split of a regex JavaScript cannot compile", async () => {
    const file = write(
      "bad-regex.ts",
      [
        'import { flow, regex, sendAndWaitForReply, splitBasedOn } from "BUILDER";',
        'const ask = sendAndWaitForReply("ask", { body: "Zip code?" });',
        "ask.on(",
        '  "incomingMessage",',
        '  splitBasedOn("zip", { input: ask.inbound.Body }).when(regex("^(\\\\d{5}"), ask),',
        ");",
        "export default flow({ on: { incomingMessage: ask } });",
      ].join("\n"),
    );
    expect(await failure(file)).toBe(
      `${file}:5:52: widget "zip": regex: Invalid regular expression: /^(\\d{5}/: Unterminated group`,
    );
  });

  it("gives the line of a ReferenceError, with its kind", async () => {
    const file = write(
      "early.ts",
      [
        'import { flow, sendMessage } from "BUILDER";',
        'const first = sendMessage("first", { body: "1" }).on("sent", second);',
        'const second = sendMessage("second", { body: "2" });',
        "export default flow({ on: { incomingMessage: first } });",
      ].join("\n"),
    );
    expect(await failure(file)).toBe(
      `${file}:2:62: ReferenceError: Cannot access 'second' before initialization`,
    );
  });

  it("names the line in an imported module of the author's when the error is thrown there", async () => {
    write(
      "helpers.ts",
      [
        'import { sendMessage } from "BUILDER";',
        "export function greeting(name: string) {",
        '  return sendMessage(name, { body: `Hi ${name}` }).on("delivered" as "sent", sendMessage("x", { body: "x" }));',
        "}",
      ].join("\n"),
    );
    const file = write(
      "uses-helper.ts",
      'import { flow } from "BUILDER";\nimport { greeting } from "./helpers";\nexport default flow({ on: { incomingMessage: greeting("hi") } });\n',
    );
    const helpers = path.relative(root, path.join(tmp, "helpers.ts"));
    expect(await failure(file)).toBe(
      `${helpers}:3:52: widget "hi" (send-message) has no event "delivered"; its events are sent, failed`,
    );
  });

  it("says a widget a later one reads exists but that nothing leads to it, even when wired to nothing", () => {
    const file = write(
      "unwired.ts",
      [
        'import { flow, liquid, makeHttpRequest, sendMessage } from "BUILDER";',
        'const lookup = makeHttpRequest("lookup", { url: "https://example.com/track" });',
        'const reply = sendMessage("reply", { body: liquid`Track it at ${lookup.parsed.at("tracking_url")}` });',
        "export default flow({ on: { incomingMessage: reply } });",
      ].join("\n"),
    );
    const loaded = loadFlowFile(file, root);
    expect(loaded.kind === "ts" && loaded.issues).toEqual([
      {
        code: "unreached-widget-reference",
        severity: "warning",
        path: "states[1].properties.body",
        widget: "reply",
        message:
          'Liquid at line 1, column 15 reads widgets.lookup: widget "lookup" (make-http-request) exists but nothing leads to it, so it is not in the compiled flow and this renders empty; wire it into the flow',
      },
    ]);
  });

  it("lets an invalid flow's CompileError through with its issues", async () => {
    const file = write(
      "dup.ts",
      [
        'import { flow, sendMessage } from "BUILDER";',
        'const a = sendMessage("same", { body: "a" });',
        'a.on("sent", sendMessage("same", { body: "b" }));',
        "export default flow({ on: { incomingMessage: a } });",
      ].join("\n"),
    );
    const error: unknown = (() => {
      try {
        return loadFlowFile(file, root);
      } catch (e) {
        return e;
      }
    })();
    expect(isCompileError(error) && error.issues.map((i) => i.code)).toEqual(["duplicate-name"]);
  });
});
