import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatTypeIssue, loadFlowFile, typecheckFlowFiles } from "../../src/compiler";
import { authorProject, authorTsconfig } from "../support/author-project";

const project = authorProject("typecheck-");
const cache = path.join(project, ".cache");
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));
const tsconfig = authorTsconfig;

function write(file: string, text: string | object): string {
  const full = path.join(project, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, typeof text === "string" ? text : JSON.stringify(text, null, 2));
  return full;
}

const typo = [
  'import { flow, liquid, makeHttpRequest, sendMessage } from "studiokit";',
  "",
  'const lookup = makeHttpRequest<{ tracking_url: string }>("lookup", { url: "https://example.com/track" });',
  'const reply = sendMessage("reply", { body: liquid`Track it at ${lookup.parsed.trackingUrl}` });',
  'lookup.on("success", reply);',
  "export default flow({ on: { incomingMessage: lookup } });",
  "",
].join("\n");

const check = (...files: string[]) => typecheckFlowFiles(files, { cwd: project, cacheDir: cache });

describe("typecheckFlowFiles", () => {
  it("reports a typo in a typed reference, which compiling alone ships as a reference to nothing", () => {
    write("flows/typo.ts", typo);
    const issues = check("flows/typo.ts").get("flows/typo.ts");
    expect(issues?.map((issue) => formatTypeIssue(issue, project))).toEqual([
      "flows/typo.ts:4:79: Property 'trackingUrl' does not exist on type 'Ref & { readonly tracking_url: Ref; }'. Did you mean 'tracking_url'? (TS2551)",
    ]);
    const loaded = loadFlowFile("flows/typo.ts", project);
    expect(loaded.definition.states.find((s) => s.name === "reply")?.properties["body"]).toBe(
      "Track it at {{widgets.lookup.parsed.trackingUrl}}",
    );
  });

  it("finds nothing in a flow that type-checks, and nothing in a .json file or a missing one", () => {
    write("flows/fine.ts", typo.replace("trackingUrl", "tracking_url"));
    write("flows/fine.json", "{}");
    expect(check("flows/fine.ts", "flows/fine.json", "flows/missing.ts")).toEqual(
      new Map([
        ["flows/fine.ts", []],
        ["flows/fine.json", []],
        ["flows/missing.ts", []],
      ]),
    );
  });

  it("reports errors in the author's modules the flow imports, at their own lines", () => {
    write("flows/texts.ts", 'export const greeting: string = 42;\nexport const farewell = "bye";\n');
    write(
      "flows/imports.ts",
      [
        'import { flow, sendMessage } from "studiokit";',
        'import { greeting } from "./texts.js";',
        'export default flow({ on: { incomingMessage: sendMessage("hi", { body: greeting }) } });',
      ].join("\n"),
    );
    const issues = check("flows/imports.ts").get("flows/imports.ts") ?? [];
    expect(issues.map((issue) => formatTypeIssue(issue, project))).toEqual([
      "flows/texts.ts:1:14: Type 'number' is not assignable to type 'string'. (TS2322)",
    ]);
  });

  it("uses the project's tsconfig: what it allows passes, and its own mistakes are reported", () => {
    const loose = path.join(project, "loose");
    // Its `include` matches nothing: the check names its own files, so that is no problem.
    write("loose/tsconfig.json", {
      compilerOptions: { ...tsconfig.compilerOptions, strict: false },
      include: ["nothing-here"],
    });
    write("loose/flows/any.ts", "export default function twice(x) {\n  return x * 2;\n}\n");
    expect(typecheckFlowFiles(["flows/any.ts"], { cwd: loose, cacheDir: null }).get("flows/any.ts")).toEqual(
      [],
    );
    write("loose/tsconfig.json", '{ "compilerOptions": { "strict": tru } }');
    const broken = typecheckFlowFiles(["flows/any.ts"], { cwd: loose, cacheDir: null }).get("flows/any.ts");
    expect(broken?.map((issue) => formatTypeIssue(issue, loose))).toEqual([
      "tsconfig.json:1:34: Compiler option 'strict' requires a value of type boolean. (TS5024)",
    ]);
  });

  it("reads JSDoc as tsc does: an import named only in a {@link} is used, one named nowhere is not", () => {
    const unused = path.join(project, "unused");
    write("unused/tsconfig.json", {
      compilerOptions: { ...tsconfig.compilerOptions, noUnusedLocals: true },
      include: ["flows"],
    });
    write("unused/flows/texts.ts", 'export const greeting = "hi";\nexport const farewell = "bye";\n');
    const body = (comment: string) =>
      `import { farewell, greeting } from "./texts.js";\n\n/** ${comment} */\nexport const text: string = farewell;\n`;
    write("unused/flows/linked.ts", body("Says {@link greeting} first."));
    write("unused/flows/unlinked.ts", body("Says farewell."));
    const issues = typecheckFlowFiles(["flows/linked.ts", "flows/unlinked.ts"], {
      cwd: unused,
      cacheDir: null,
    });
    expect(
      new Map([...issues].map(([file, found]) => [file, found.map((i) => formatTypeIssue(i, unused))])),
    ).toEqual(
      new Map([
        ["flows/linked.ts", []],
        [
          "flows/unlinked.ts",
          ["flows/unlinked.ts:1:20: 'greeting' is declared but its value is never read. (TS6133)"],
        ],
      ]),
    );
  });

  it("checks with studiokit's strict defaults where no tsconfig.json is found", () => {
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), "studiokit-typecheck-"));
    try {
      fs.writeFileSync(path.join(bare, "any.ts"), "export default function twice(x) {\n  return x * 2;\n}\n");
      const issues = typecheckFlowFiles(["any.ts"], { cwd: bare, cacheDir: null }).get("any.ts") ?? [];
      expect(issues.map((issue) => formatTypeIssue(issue, bare))).toEqual([
        "any.ts:1:31: Parameter 'x' implicitly has an 'any' type. (TS7006)",
      ]);
    } finally {
      fs.rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe("the type check's cache", () => {
  const entries = () =>
    fs.readdirSync(path.join(cache, "typecheck")).map((f) => path.join(cache, "typecheck", f));
  /** Marks every cached answer, so a later answer shows whether it came from the cache. */
  const mark = () => {
    for (const entry of entries()) {
      const json = JSON.parse(fs.readFileSync(entry, "utf8")) as { issues: unknown[] };
      json.issues = [{ file: entry, code: 0, message: "from the cache" }];
      fs.writeFileSync(entry, JSON.stringify(json));
    }
  };
  const fromCache = (file: string) => check(file).get(file)?.[0]?.message === "from the cache";

  it("answers from the cache while the flow, its imports and the tsconfig are unchanged", () => {
    write("flows/cached.ts", 'import { greeting } from "./texts.js";\nexport default greeting;\n');
    expect(check("flows/cached.ts").get("flows/cached.ts")).toEqual([
      expect.objectContaining({ file: path.join(project, "flows/texts.ts"), code: 2322 }),
    ]);
    mark();
    expect(fromCache("flows/cached.ts")).toBe(true);
  });

  it("checks again when an imported module changes, and when the tsconfig does", () => {
    mark();
    write("flows/texts.ts", 'export const greeting: string = "hello";\n');
    expect(check("flows/cached.ts").get("flows/cached.ts")).toEqual([]);
    mark();
    write("tsconfig.json", {
      ...tsconfig,
      compilerOptions: { ...tsconfig.compilerOptions, noImplicitAny: true },
    });
    expect(fromCache("flows/cached.ts")).toBe(false);
  });

  it("checks again when the flow itself changes", () => {
    mark();
    write("flows/cached.ts", 'import { greeting } from "./texts.js";\nexport default greeting + "!";\n');
    expect(fromCache("flows/cached.ts")).toBe(false);
  });
});
