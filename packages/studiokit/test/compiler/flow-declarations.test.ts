import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { authorProject, authorTsconfig } from "../support/author-project";

/*
 * What a flow file's type check reads besides the flow: parsing and binding the declaration files
 * `import … from "studiokit"` reaches is most of the check's fixed cost (`npm run bench --
 * typecheck`). The builder, compiler and validator name plain types (src/definition/types.ts,
 * src/validator/issue-types.ts, src/builder/widget-props.ts, all generated from the schemas), so
 * zod's ~95 declaration files stay out; its schemas are `studiokit/definition`.
 */

const project = authorProject("flow-declarations-", {
  "flows/trivial.ts": [
    'import { flow, sendMessage } from "studiokit";',
    "",
    'export default flow({ description: "trivial", on: { incomingMessage: sendMessage("hi", { body: "hi" }) } });',
    "",
  ].join("\n"),
});
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

/**
 * The declaration files outside TypeScript's own libs the program for `flow` reads, as package →
 * files (after checking that the flow type-checks).
 */
function declarationsRead(flow: string): Map<string, string[]> {
  const { options } = ts.convertCompilerOptionsFromJson(authorTsconfig.compilerOptions, project);
  const program = ts.createProgram([path.join(project, flow)], options);
  const errors = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  expect(errors).toEqual([]);
  const byPackage = new Map<string, string[]>();
  for (const file of program.getSourceFiles()) {
    if (!file.isDeclarationFile || program.isSourceFileDefaultLibrary(file)) continue;
    const real = fs.realpathSync(file.fileName).split(path.sep).join("/");
    const kit = real.match(/\/packages\/studiokit\/(dist\/.*)$/);
    const [name, rest] = kit
      ? ["studiokit", kit[1]!]
      : real
          .split("/node_modules/")
          .at(-1)!
          .split(/\/(.*)/);
    byPackage.set(name!, [...(byPackage.get(name!) ?? []), rest!]);
  }
  return byPackage;
}

describe("the declarations a flow file's type check reads", () => {
  it("are the kit's builder, compiler, validator and plain definition types only: none of zod's", () => {
    const read = declarationsRead("flows/trivial.ts");
    expect([...read.keys()]).toEqual(["studiokit"]);
    expect(read.get("studiokit")!.sort()).toEqual(
      [
        "dist/index.d.ts",
        "dist/definition/context.d.ts",
        "dist/definition/output-shape.d.ts",
        "dist/definition/types.d.ts",
        ...["conditions", "context", "factories", "flow", "index", "node", "props", "raw", "ref", "split"]
          .concat(["widget", "widget-props"])
          .map((f) => `dist/builder/${f}.d.ts`),
        ...["compile", "files", "flow-file", "flow-json", "index", "modules-run", "typecheck"]
          .concat(["typecheck-cache", "typescript-hook"])
          .map((f) => `dist/compiler/${f}.d.ts`),
        ...["codes", "format", "index", "issue", "issue-types", "validate"].map(
          (f) => `dist/validator/${f}.d.ts`,
        ),
      ].sort(),
    );
  });

  it("of a file that imports studiokit/definition include zod's, which its schemas are", () => {
    fs.writeFileSync(
      path.join(project, "flows/schemas.ts"),
      'import { flowDefinitionSchema } from "studiokit/definition";\n\nexport const schema = flowDefinitionSchema;\n',
    );
    expect([...declarationsRead("flows/schemas.ts").keys()].sort()).toEqual(["studiokit", "zod"]);
  });
});
