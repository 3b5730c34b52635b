import tseslint from "typescript-eslint";
import roomDoors from "./packages/studiokit/eslint-rules/room-doors.js";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/*.js",
      "**/*.mjs",
      "**/*.mts",
      "packages/studiokit/test/fixtures/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { studiokit: { rules: { "room-doors": roomDoors } } },
    rules: {
      "studiokit/room-doors": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["**/test/**/*.ts", "**/bench/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
