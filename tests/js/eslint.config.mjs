// ESLint flat config for the site's browser code (classic scripts) and its unit tests (CommonJS, node:test).
// Run through tests/test_browser_code.py, which installs ESLint, @eslint/js and globals from the npm registry
// into .cache/eslint and runs it from the repository root with `--config tests/js/eslint.config.mjs`,
// so the file patterns below are relative to the repository root.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const modules = process.env.ALMENVIDEN_ESLINT_DIR || path.join(repo, ".cache", "eslint");
const require = createRequire(path.join(modules, "node_modules", "_"));
const js = require("@eslint/js");
const globals = require("globals");

// Ways to turn text into code or markup: the Content-Security-Policy blocks eval; these keep them out of the
// source as well. An element's textContent is the way to show reader or URL data.
const noMarkupFromText = [
  { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]",
    message: "Brug textContent eller opbyg elementerne; innerHTML/outerHTML kan køre tekst som kode." },
  { selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln)$/]",
    message: "insertAdjacentHTML/document.write kan køre tekst som kode." },
];

export default [
  js.configs.recommended,
  {
    files: ["macros/almenviden/browser/**/*.js", "macros/almenviden/offline/assets/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      // Browser globals, and CommonJS `module` for the export guard that lets node require a file.
      globals: { ...globals.browser, module: "readonly" },
    },
    rules: {
      strict: ["error", "function"],
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-script-url": "error",
      "no-restricted-syntax": ["error", ...noMarkupFromText],
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
    },
  },
  {
    files: ["tests/js/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node } },
  },
  {
    files: ["tests/js/**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
];
