// The library-deps rule's specification, run by lint.mjs before it lints: RuleTester
// throws on the first case that does not hold.
import { RuleTester } from "eslint";
import emscripten from "./eslint-emscripten.mjs";

const tester = new RuleTester({ languageOptions: { sourceType: "script" } });
const library = (body) => `mergeInto(LibraryManager.library, {${body}});`;

tester.run("emscripten/library-deps", emscripten.rules["library-deps"], {
  valid: [
    library(`$helper: function () {}, lbjs_a__deps: ["$helper"], lbjs_a: function () { helper(); },`),
    library(`lbjs_a__deps: ["$GL"], lbjs_a: function () { return GL.textures; },`),
    // A local of the same name is not the helper.
    library(`$helper: function () {}, lbjs_a: function () { const helper = 1; return helper; },`),
    // A helper of another library file, listed.
    { code: library(`lbjs_a__deps: ["$wake"], lbjs_a: function () { wake(); },`), options: [{ helpers: ["wake"] }] },
    // Not a library: no rule applies.
    `const o = {$helper: function () {}, a: function () { helper(); }};`,
  ],
  invalid: [
    {
      code: library(`$helper: function () {}, lbjs_a: function () { helper(); },`),
      errors: [{ message: `lbjs_a uses helper but its __deps do not list "$helper": add it to lbjs_a__deps.` }],
    },
    {
      // A helper of another library file (web_search.js uses web_platform.js's), not listed.
      code: library(`lbjs_a: function () { wake(); },`),
      options: [{ helpers: ["wake"] }],
      errors: [{ message: `lbjs_a uses wake but its __deps do not list "$wake": add it to lbjs_a__deps.` }],
    },
    {
      code: library(`lbjs_a: function () { return GL.textures; },`),
      errors: [{ message: `lbjs_a uses GL but its __deps do not list "$GL": add it to lbjs_a__deps.` }],
    },
    {
      code: library(`$helper: function () {}, lbjs_a__deps: ["$helper"], lbjs_a: function () {},`),
      errors: [{ message: `lbjs_a__deps lists "$helper", which lbjs_a does not use: remove it.` }],
    },
  ],
});
