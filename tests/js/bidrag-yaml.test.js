"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { toYaml, isPlain, doubleQuoted } = require("../../macros/almenviden/browser/bidrag-yaml.js");

const SPEC = {
  kind: "ideas",
  fields: [
    { name: "title", type: "text" }, { name: "created", type: "date" }, { name: "goals", type: "choices" },
    { name: "related", type: "list", item: { type: "text", reference: true } },
    { name: "steps", type: "list", item: { type: "text" } },
    { name: "examples", type: "list", item: { type: "object", fields: [
      { name: "where", type: "text" }, { name: "when", type: "year_or_text" },
      { name: "source", type: "object", fields: [{ name: "title", type: "text" }, { name: "url", type: "text" }] },
      { name: "illustrative", type: "flag" }] } },
    { name: "body", type: "text" },
  ],
};

test("fields come in the spec's order with the modeline and a blank line between them", () => {
  const text = toYaml({ body: "Tekst.", title: "Fælles kaffe", created: "2024-05-01" }, SPEC);
  assert.equal(text, "# yaml-language-server: $schema=../schema/ideas.schema.json\n\n" +
    "title: Fælles kaffe\n\ncreated: 2024-05-01\n\nbody: Tekst.\n");
});

test("choices and references are flow lists, other lists block lists, objects nested", () => {
  const text = toYaml({ goals: ["robuste-faellesskaber", "yes"], related: ["a-b"], steps: ["Et trin", "To"],
    examples: [{ where: "Her", when: 2024, source: { title: "Side", url: "https://example.org/" } },
               { where: "Der", illustrative: true }] }, SPEC);
  assert.match(text, /^goals: \[robuste-faellesskaber, "yes"\]$/m);
  assert.match(text, /^related: \[a-b\]$/m);
  assert.match(text, /^steps:\n {2}- Et trin\n {2}- To$/m);
  assert.match(text, /^examples:\n {2}- where: Her\n {4}when: 2024\n {4}source:\n {6}title: Side\n {6}url: https:\/\/example.org\/\n {2}- where: Der\n {4}illustrative: true$/m);
});

test("text with line breaks is a literal block with the right chomping", () => {
  assert.match(toYaml({ body: "Linje 1\n\nLinje 2\n" }, SPEC), /^body: \|\n {2}Linje 1\n\n {2}Linje 2\n$/m);
  assert.match(toYaml({ body: "A\nB" }, SPEC), /^body: \|-\n {2}A\n {2}B\n$/m);
  // a first line that starts with a space cannot be a literal block without an indicator: quoted instead
  assert.match(toYaml({ body: "  A\nB" }, SPEC), /^body: " {2}A\\nB"$/m);
});

test("anything a YAML reader could take for more than text is double-quoted", () => {
  for (const s of ["yes", "No", "on", "null", "~", "2024", "2024-05-01", "1.5", "-x", "- x", "*ref", "&a", "!!python/object",
                   "|", ">", "---", "...", "#x", "a: b", "a #b", "a:", "@x", "`x", "%x", "'x", '"x', "{a}", "[a]",
                   " a", "a ", "a\u2028b", "a\u0085b", "a\tb", "\ufeffa", "a\rb", ""]) {
    assert.equal(isPlain(s), false, s);
  }
  for (const s of ["Fælles kaffe", "Øl og vand", "a:b", "https://example.org/", "Kaffe, kage og materialer.", "LAB § 6 f"]) {
    assert.equal(isPlain(s), true, s);
  }
});

test("double quoting escapes backslash, quote, controls and line separators, keeps astral characters", () => {
  assert.equal(doubleQuoted('a"b\\c\n\u2028\u0001😀'), '"a\\"b\\\\c\\n\\u2028\\u0001😀"');
  assert.equal(doubleQuoted("\ud800x"), '"\\uD800x"'); // a lone surrogate cannot be written as UTF-8
});

test("dates are plain only in date fields", () => {
  assert.match(toYaml({ created: "2024-05-01", title: "2024-05-01" }, SPEC), /^title: "2024-05-01"$/m);
});
