// ESLint: JavaScript's and typescript-eslint's recommended rules, with type information, so
// that a promise nobody awaits or handles is an error. Formatting is Prettier's; unused files,
// exports and dependencies are knip's (knip.json). `npm run lint` runs all three.
// https://typescript-eslint.io/getting-started/typed-linting
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["node_modules/", "_site/", ".bulletin-cache/"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ["eslint.config.js", "scripts/bulletin.js"] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Named `_…` on purpose: a destructured field left out, a parameter a signature requires.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      // The content checks and the importer look for control characters on purpose.
      "no-control-regex": "off",
      // The importer's comments quote printed Chinese text, ideographic spaces (U+3000) and all.
      "no-irregular-whitespace": ["error", { skipComments: true }],
    },
  },
  {
    // Tests read the JSON and XML a build wrote and check it field by field: a type for each
    // would restate the expectations.
    files: ["tests/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // The command's launcher, plain JavaScript run by Node.
    files: ["scripts/bulletin.js"],
    languageOptions: { globals: { process: "readonly" } },
  },
);
