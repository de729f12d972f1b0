// For pytest (tests/test_bidrag_js.py): calls one exported function of a browser module many times.
// stdin: {"module": "bidrag-yaml", "fn": "toYaml", "calls": [[arg, ...], ...]}  stdout: [result, ...]
"use strict";
const path = require("node:path");
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { module, fn, calls } = JSON.parse(input);
  const lib = require(path.join(__dirname, "..", "..", "..", "macros", "almenviden", "browser", module + ".js"));
  process.stdout.write(JSON.stringify(calls.map((args) => lib[fn](...args))));
});
