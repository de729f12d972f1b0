"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const { validate, validDate } = require("../../macros/almenviden/browser/bidrag-validate.js");

const SCHEMAS = path.join(__dirname, "..", "..", "catalogue", "schema");
const ideas = JSON.parse(fs.readFileSync(path.join(SCHEMAS, "ideas.schema.json"), "utf8"));
const guides = JSON.parse(fs.readFileSync(path.join(SCHEMAS, "guides.schema.json"), "utf8"));

const IDEA = {
  title: "Testidé", summary: "Et resumé.", body: "Tekst.\n", goals: ["robuste-faellesskaber"], audience: ["beboere"],
  owner: "Testteamet", created: "2024-01-31", updated: "2024-02-29", review_by: "2025-01-31",
  housing_types: ["familieboliger"], cost: "gratis", time: "lille", season: ["sommer"], participants: "10 beboere",
  steps: ["Et trin."], sustainability: ["social"],
};

function paths(errors) { return errors.map((e) => e.path).sort(); }

test("a valid entry has no problems", () => {
  assert.deepEqual(validate(ideas, IDEA, {}), []);
});

test("each problem is reported at its field's path with a Danish message", () => {
  const data = { ...IDEA, summary: "x".repeat(301), cost: "dyr", goals: [], created: "2024-02-30",
                 steps: ["Et", ""], extra: 1 };
  delete data.title;
  const errors = validate(ideas, data, {});
  assert.deepEqual(paths(errors), ["cost", "created", "extra", "goals", "steps[1]", "summary", "title"]);
  const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
  assert.equal(byPath.title, "Udfyld feltet.");
  assert.equal(byPath.summary, "Højst 300 tegn (nu 301).");
  assert.equal(byPath.cost, "Vælg en af de mulige værdier.");
  assert.match(byPath.created, /ÅÅÅÅ-MM-DD/);
});

test("an example needs a source or the 'tænkt' mark, not both", () => {
  const src = { title: "Side", url: "https://example.org/" };
  const check = (ex) => validate(ideas, { ...IDEA, examples: [ex] }, {});
  assert.deepEqual(check({ where: "Her", what: "Det", source: src }), []);
  assert.deepEqual(check({ where: "Her", what: "Det", illustrative: true }), []);
  assert.match(check({ where: "Her", what: "Det" })[0].message, /kilde.*tænkt/);
  assert.equal(check({ where: "Her", what: "Det" })[0].path, "examples[0]");
  assert.match(check({ where: "Her", what: "Det", illustrative: true, source: src })[0].message, /både/);
  assert.equal(check({ where: "Her", what: "Det", when: 1800, illustrative: true })[0].path, "examples[0].when");
});

test("references must name an existing entry", () => {
  const step = { entry: "findes-ikke", why: "Fordi.", when: "Straks.", minutes: 10 };
  const data = { ...IDEA, role: "x", steps: [step] };
  const errors = validate(guides, data, { ids: { "findes": "ideas" } });
  const ref = errors.find((e) => e.path === "steps[0].entry");
  assert.match(ref.message, /ingen post med id ‘findes-ikke’/);
  assert.equal(validate(ideas, { ...IDEA, related: ["findes"] }, { ids: { findes: "ideas" } }).length, 0);
  assert.equal(validate(ideas, { ...IDEA, related: ["nej"] }, { ids: { findes: "ideas" } })[0].path, "related[0]");
});

test("dates are real calendar dates", () => {
  assert.equal(validDate("2024-02-29"), true);
  assert.equal(validDate("2023-02-29"), false);
  assert.equal(validDate("2024-13-01"), false);
  assert.equal(validDate("24-01-01"), false);
});
