// For pytest (tests/test_word_parts.py): the query plan from the whole word list and from its parts as
// search/words.py writes them. stdin: {"bundle": <pagefind folder>, "whole": <the whole list>, "queries": [...]}
// stdout: [{"whole": plan, "parts": plan, "loaded": [part names]}, ...], each query on a fresh list.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const AV = require(path.join(__dirname, "..", "browser.js"))("text-fold", "word-list", "query-plan");
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const { bundle, whole, queries } = JSON.parse(input);
  const read = (name) => JSON.parse(fs.readFileSync(path.join(bundle, name), "utf8"));
  const core = read("almenviden-words.json");
  const full = new AV.WordList(whole);
  const out = [];
  for (const q of queries) {
    const parts = new AV.WordList(core, (p) => Promise.resolve(read(p)));
    const plan = await parts.prepare((list) => AV.plan(list, q));
    out.push({ whole: AV.plan(full, q), parts: plan, loaded: Array.from(parts.loaded.keys()).sort() });
  }
  process.stdout.write(JSON.stringify(out));
});
