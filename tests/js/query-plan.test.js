const test = require("node:test");
const assert = require("node:assert/strict");
const AV = require("./browser")("text-fold", "word-list", "query-plan");
const { FACTOR, MAX_SEARCHES } = require("../../macros/almenviden/browser/query-plan.js");

// Test data: a made-up word list; 100 filler words make the real words rare enough to be split and expanded.
const FILLER = Array.from({ length: 100 }, (_, i) => "fyld" + i);
const words = new AV.WordList({
  words: ["og", "eller", ...FILLER, "affald", "sortering", "køkkenhave", "have", "fælles", "spisning",
          "fællesspisning"],
  forms: [],
  synonyms: { grill: ["fælles spisning"] },
  topics: [["emne", "fællesskab", "Fællesskab"]],
});

const phrases = (plan) => plan.queries.map((q) => [q.phrase, q.factor, q.tier]);

test("a word on the pages is searched as typed", () => {
  assert.deepEqual(phrases(AV.plan(words, "affald")), [["affald", 1, 0]]);
});

test("a compound on no page is searched as its parts, in the first tier", () => {
  assert.deepEqual(phrases(AV.plan(words, "Affaldssortering")), [["affald sortering", FACTOR.parts, 0]]);
});

test("a compound that is on the pages is also tried as its parts, after its own results", () => {
  assert.deepEqual(phrases(AV.plan(words, "fællesspisning")),
                   [["fællesspisning", 1, 0], ["fælles spisning", FACTOR.partsOfKnown, 1]]);
});

test("a word is also tried as the compounds on the pages that end in it", () => {
  assert.deepEqual(phrases(AV.plan(words, "have")), [["have", 1, 0], ["køkkenhave", FACTOR.compound, 1]]);
});

test("a word on no page with a synonym on the pages is searched as the synonym", () => {
  assert.deepEqual(phrases(AV.plan(words, "grill")), [["fælles spisning", FACTOR.synonym, 0]]);
});

test("each word's alternatives are tried with the other words as typed", () => {
  assert.deepEqual(phrases(AV.plan(words, "have affald")),
                   [["have affald", 1, 0], ["køkkenhave affald", FACTOR.compound, 1]]);
});

test("the commonest words are neither split nor expanded", () => {
  assert.deepEqual(phrases(AV.plan(words, "eller")), [["eller", 1, 0]]);
});

test("a word on no page stops the search and gets close words ('Mente du …?')", () => {
  const plan = AV.plan(words, "have afald");
  assert.deepEqual(plan.queries, []);
  assert.deepEqual(plan.unknown, ["afald"]);
  assert.deepEqual(plan.suggestions, ["affald"]);
  assert.deepEqual(AV.plan(words, "helikopter").suggestions, []);
});

test("an empty query plans nothing", () => {
  assert.deepEqual(AV.plan(words, "  "), { queries: [], unknown: [], suggestions: [] });
});

test("no more than MAX_SEARCHES searches, whatever the query", () => {
  const many = new AV.WordList({
    words: [...FILLER, "have", "urt", "køkken", "skole", "tag", "urtehave", "køkkenhave", "skolehave", "taghave"],
    forms: [],
  });
  assert.equal(AV.plan(many, "have").queries.length, 5);  // have and the four compounds that end in it
  assert.equal(AV.plan(many, "have have have").queries.length, MAX_SEARCHES);  // 1 + 3 × 4 found
});
