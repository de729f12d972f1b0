"use strict";
// The print report's content: answered recommendations with choice and explanation, flags, unanswered last.
const test = require("node:test");
const assert = require("node:assert/strict");
// The page loads the format module first; the others find it on globalThis.almenviden.foelgEllerForklar.
require("../../macros/almenviden/browser/foelg-eller-forklar-format.js");
const report = require("../../macros/almenviden/browser/foelg-eller-forklar-report.js");

const items = [
  { key: "e/1", entry: "e", entryTitle: "Entry E", number: 1, text: "Første anbefaling" },
  { key: "e/2", entry: "e", entryTitle: "Entry E", number: 2, text: "Anden anbefaling" },
  { key: "f/1", entry: "f", entryTitle: "Entry F", number: 1, text: "Tredje anbefaling" },
  { key: "f/2", entry: "f", entryTitle: "Entry F", number: 2, text: "Fjerde anbefaling" },
];
const HASH = "0123456789ab";

test("the report lists answers by entry, flags what is missing or changed, and the unanswered last", () => {
  const state = { organisation: "  Testafdeling ", meetingDate: "2024-08-04", answers: {
    "e/2": { choice: "foelger-ikke", explanation: "", hash: HASH },
    "f/1": { choice: "foelger-delvist", explanation: " Kun delvist. ", hash: HASH },
    "f/2": { choice: "", explanation: "Kladde uden valg", hash: HASH },
  } };
  const m = report.model(items, state, { "f/1": true }, "2026-12-05");
  assert.equal(m.organisation, "Testafdeling");
  assert.equal(m.meetingDate, "4. august 2024");
  assert.equal(m.printed, "5. december 2026");
  assert.equal(m.answered, 2);
  assert.equal(m.total, 4);
  assert.deepEqual(m.sections.map((s) => [s.title, s.items.map((i) => [i.number, i.choice, i.explanation,
    i.missingExplanation, i.changed])]), [
    ["Entry E", [[2, "Vi følger ikke", "", true, false]]],
    ["Entry F", [[1, "Vi følger delvist", "Kun delvist.", false, true]]],
  ]);
  assert.deepEqual(m.unanswered.map((u) => [u.entryTitle, u.number]), [["Entry E", 1], ["Entry F", 2]]);
});

test("Danish dates, and no date for an empty or invalid one", () => {
  assert.equal(report.danishDate("2026-12-05"), "5. december 2026");
  assert.equal(report.danishDate("2024-02-29"), "29. februar 2024");
  assert.equal(report.danishDate(""), "");
  assert.equal(report.danishDate("2023-02-29"), "");
});
