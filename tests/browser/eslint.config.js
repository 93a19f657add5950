// ESLint over the project's JavaScript (run by lint.mjs, ctest js_lint): the reader's
// browser glue (wasm/), the static site's shell (site/), and the browser tests and
// benchmarks. Paths are relative to the repository root (basePath).
import { readFileSync } from "node:fs";
import js from "@eslint/js";
import globals from "globals";
import emscripten from "./lib/eslint-emscripten.mjs";

const repo = new URL("../../", import.meta.url);

// What an Emscripten library function may use: the module's runtime, and the libraries'
// own JavaScript-only functions ($name in a file, name in logbook.js), from either file.
const glue = ["wasm/web_platform.js", "wasm/web_search.js"].map((f) => readFileSync(new URL(f, repo), "utf8")).join("\n");
const libraryHelpers = Object.fromEntries([...glue.matchAll(/^\s*\$(\w+):/gm)].map((m) => [m[1], "readonly"]));
const emscriptenRuntime = Object.fromEntries(
  ["LibraryManager", "mergeInto", "Module", "UTF8ToString", "allocateUTF8", "lengthBytesUTF8", "HEAPU8", "HEAPU32", "_malloc", "_free", "GL", "GLctx"]
    .map((name) => [name, "readonly"]));

export default [
  { basePath: "../.." },
  js.configs.recommended,
  {
    files: ["wasm/*.js"],
    plugins: { emscripten },
    languageOptions: { sourceType: "script", globals: { ...globals.browser, ...emscriptenRuntime, ...libraryHelpers } },
    rules: { "emscripten/library-deps": ["error", { helpers: Object.keys(libraryHelpers) }] },
  },
  {
    // The shell runs first, in any browser, and must at least parse in one too old for
    // the app to show why the static page stays: ES5 syntax only (so a caught error is
    // always named, used or not).
    files: ["site/boot.js", "site/loader.js", "site/live-reload.js"],
    languageOptions: { ecmaVersion: 5, sourceType: "script", globals: { ...globals.es2021, ...globals.browser, createLogbookApp: "readonly" } },
    rules: { "no-unused-vars": ["error", { caughtErrors: "none" }] },
  },
  {
    files: ["site/search-worker.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.worker, createSearchCore: "readonly" } },
  },
  {
    files: ["site/sw.js"],
    languageOptions: { sourceType: "script", globals: globals.serviceworker },
  },
  {
    // Node scripts whose page.evaluate callbacks run in the browser.
    files: ["tests/browser/**/*.mjs", "tests/browser/*.js", "bench/**/*.mjs"],
    languageOptions: { sourceType: "module", globals: { ...globals.node, ...globals.browser } },
  },
];
