// For pytest (tests/test_bidrag_js.py): validity of documents by ajv (npm, installed at test time) and by the
// form's own validator. stdin: {"ajv": <node_modules folder>, "schemas": {kind: schema}, "docs": [[kind, doc]]}
// stdout: [[ajvValid, ourValid, ourPaths], ...]
"use strict";
const path = require("node:path");
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { ajv: modules, schemas, docs } = JSON.parse(input);
  const Ajv2020 = require(path.join(modules, "ajv", "dist", "2020")).default;
  const addFormats = require(path.join(modules, "ajv-formats")).default;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv, ["date"]);
  const compiled = Object.fromEntries(Object.entries(schemas).map(([k, s]) => [k, ajv.compile(s)]));
  const { validate } = require(path.join(__dirname, "..", "..", "..", "macros", "almenviden", "browser", "bidrag-validate.js"));
  const out = docs.map(([kind, doc]) => {
    const ours = validate(schemas[kind], doc, {});
    return [compiled[kind](doc), ours.length === 0, ours.map((e) => e.path)];
  });
  process.stdout.write(JSON.stringify(out));
});
