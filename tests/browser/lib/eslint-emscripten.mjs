// An ESLint rule for Emscripten JavaScript libraries (wasm/web_platform.js and
// web_search.js): a function of a library that uses a JavaScript-only library function
// ($name, used as name) must list it in its __deps, or Emscripten leaves it out of
// logbook.js and the call fails at run time, only on the path that makes it. A listed
// dependency nothing uses is reported too. The option `helpers` names the JavaScript-only
// functions of the other library files (eslint.config.js reads them), which a file's own
// object cannot show.

// Emscripten's own JavaScript-only library functions the glue uses (src/library*.js),
// which are linked in only when listed. (Its runtime, e.g. allocateUTF8, is always there.)
const emscriptenLibrary = new Set(["GL"]);

const keyName = (p) => (p.key.type === "Identifier" ? p.key.name : String(p.key.value));
const isFunction = (n) => n.type === "FunctionExpression" || n.type === "ArrowFunctionExpression";

const libraryDeps = {
  meta: {
    type: "problem",
    docs: { description: "Every JavaScript-only library function a library function uses is in its __deps" },
    schema: [{ type: "object", properties: { helpers: { type: "array", items: { type: "string" } } }, additionalProperties: false }],
  },
  create(context) {
    const elsewhere = new Set((context.options[0] && context.options[0].helpers) || []);
    return {
      "CallExpression[callee.name='mergeInto'] > ObjectExpression"(library) {
        const props = new Map(library.properties.filter((p) => p.type === "Property").map((p) => [keyName(p), p]));
        for (const [name, prop] of props) {
          if (!isFunction(prop.value)) continue;
          const depsProp = props.get(name + "__deps");
          const listed = depsProp && depsProp.value.type === "ArrayExpression"
            ? depsProp.value.elements.map((e) => e.value) : [];
          const used = new Set(context.sourceCode.getScope(prop.value).through.map((r) => r.identifier.name));
          for (const u of used)
            if ((props.has("$" + u) || elsewhere.has(u) || emscriptenLibrary.has(u)) && !listed.includes("$" + u))
              context.report({ node: prop.key, message: `${name} uses ${u} but its __deps do not list "$${u}": add it to ${name}__deps.` });
          for (const d of listed)
            if (typeof d === "string" && d.startsWith("$") && !used.has(d.slice(1)))
              context.report({ node: depsProp.key, message: `${name}__deps lists "${d}", which ${name} does not use: remove it.` });
        }
      },
    };
  },
};

export default { rules: { "library-deps": libraryDeps } };
