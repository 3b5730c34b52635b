import { createRequire } from "node:module";
import path from "node:path";
import { RuleTester, type Rule } from "eslint";
import { describe, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");
const rule = createRequire(__filename)(path.join(root, "eslint-rules", "room-doors.js")) as Rule.RuleModule;
const at = (file: string) => path.join(root, file);
/** A project that installed the package: its files sit outside the package directory. */
const project = (file: string) => path.join(root, "..", "..", file);

// RuleTester registers one vitest test per case through these hooks.
RuleTester.describe = describe;
RuleTester.it = it;

new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: "module" } }).run("room-doors", rule, {
  valid: [
    { filename: at("src/compiler/compile.ts"), code: 'import { validateDefinition } from "../validator";' },
    { filename: at("src/compiler/compile.ts"), code: 'import { compile } from "../validator/index";' },
    { filename: at("src/validator/validate.ts"), code: 'import { checkLimits } from "./checks/limits";' },
    { filename: at("src/validator/validate.ts"), code: 'import { z } from "zod";' },
    { filename: at("src/cli/main.ts"), code: 'export { emulator } from "../emulator";' },
    { filename: at("src/testing/scenario/run.ts"), code: 'import { loadFlowFile } from "../../compiler";' },
    { filename: at("src/index.ts"), code: 'export * from "./builder";' },
    // The compiler's narrow door (ARCHITECTURE.md): reading flow files without the builder.
    {
      filename: at("src/cli/commands/validate.ts"),
      code: 'import { readFlowJson } from "../../compiler/reading";',
    },
    // The plain types the `studiokit` entry's declarations name (ARCHITECTURE.md).
    { filename: at("src/builder/node.ts"), code: 'import { offsetOf } from "../definition/types";' },
    { filename: at("src/index.ts"), code: 'export * from "./definition/types";' },
    { filename: project("flows/do-you-like-bots.ts"), code: 'import { flow } from "studiokit";' },
    { filename: project("test/flows.test.ts"), code: 'import { helper } from "./support";' },
  ],
  invalid: [
    {
      filename: at("src/builder/node.ts"),
      code: 'import { offsetOf } from "../definition/common";',
      errors: [
        { message: 'import room "definition" through its door "src/definition", not "../definition/common"' },
      ],
    },
    {
      filename: at("src/compiler/compile.ts"),
      code: 'import { inspectDefinition } from "../validator/validate";',
      errors: [
        { message: 'import room "validator" through its door "src/validator", not "../validator/validate"' },
      ],
    },
    {
      filename: at("src/cli/main.ts"),
      code: 'export * from "../engine/transition";',
      errors: [{ message: 'import room "engine" through its door "src/engine", not "../engine/transition"' }],
    },
    {
      filename: at("src/cli/commands/validate.ts"),
      code: 'import { readFlowJson } from "../../compiler/flow-json";',
      errors: [
        { message: 'import room "compiler" through its door "src/compiler", not "../../compiler/flow-json"' },
      ],
    },
    {
      filename: at("src/engine/run.ts"),
      code: 'import { readFlowJson } from "../compiler/reading";',
      errors: [{ message: 'room "engine" may not import room "compiler" (see ARCHITECTURE.md)' }],
    },
    {
      filename: at("src/definition/flow.ts"),
      code: 'import { flow } from "../builder";',
      errors: [{ message: 'room "definition" may not import room "builder" (see ARCHITECTURE.md)' }],
    },
    {
      filename: at("src/engine/run.ts"),
      code: 'import { sendMessage } from "../builder";',
      errors: [{ message: 'room "engine" may not import room "builder" (see ARCHITECTURE.md)' }],
    },
    {
      filename: at("src/engine/run.ts"),
      code: 'import { runScenarioFiles } from "../testing";',
      errors: [{ message: 'room "engine" may not import room "testing" (see ARCHITECTURE.md)' }],
    },
    {
      filename: at("src/validator/validate.ts"),
      code: 'import { flow } from "..";',
      errors: [{ message: 'room "validator" may not import the package\'s door (src/index.ts)' }],
    },
    {
      filename: at("src/index.ts"),
      code: 'export * from "./emulator";',
      errors: [
        {
          message:
            'the package\'s door offers builder, compiler, validator, definition; room "emulator" has an entry point of its own',
        },
      ],
    },
    {
      filename: project("flows/do-you-like-bots.ts"),
      code: 'import { compile } from "../packages/studiokit/src/compiler";',
      errors: [
        {
          message:
            'import studiokit\'s entry points ("studiokit", "studiokit/testing", …), not "../packages/studiokit/src/compiler"',
        },
      ],
    },
  ],
});
