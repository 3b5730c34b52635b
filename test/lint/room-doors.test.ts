import { createRequire } from "node:module";
import path from "node:path";
import { RuleTester, type Rule } from "eslint";
import { describe, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");
const rule = createRequire(__filename)(path.join(root, "eslint-rules", "room-doors.js")) as Rule.RuleModule;
const at = (file: string) => path.join(root, file);

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
    { filename: at("flows/do-you-like-bots.ts"), code: 'import { flow } from "../src/builder";' },
  ],
  invalid: [
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
      filename: at("src/definition/flow.ts"),
      code: 'import { flow } from "../builder";',
      errors: [{ message: 'room "definition" may not import room "builder" (see design.md)' }],
    },
    {
      filename: at("src/engine/run.ts"),
      code: 'import { sendMessage } from "../builder";',
      errors: [{ message: 'room "engine" may not import room "builder" (see design.md)' }],
    },
    {
      filename: at("flows/do-you-like-bots.ts"),
      code: 'import { compile } from "../src/compiler";',
      errors: [{ message: 'flows import only the builder\'s door ("src/builder"), not src/compiler' }],
    },
  ],
});
